package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Maps anomalies to and from the documents of the {@code logwarden-anomalies-*} indices. */
final class AnomalyDocuments {

    private AnomalyDocuments() {
    }

    static Map<String, Object> toDocument(Anomaly a) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", a.id());
        doc.put("@timestamp", a.windowStart().toString());
        doc.put("detector", a.kind().name().toLowerCase(Locale.ROOT));
        doc.put("score", a.score());
        doc.put("severity", a.severity().name().toLowerCase(Locale.ROOT));
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("type", a.entity().type());
        entity.put("id", a.entity().key());
        entity.put("name", a.entity().name());
        if (a.entity().id() != null) {
            entity.put("run", a.entity().id());
        }
        doc.put("entity", entity);
        doc.put("window", Map.of("start", a.windowStart().toString(), "end", a.windowEnd().toString()));
        doc.put("explanation", a.explanation());
        if (a.entity().service() != null) {
            doc.put("service", Map.of("name", a.entity().service()));
        }
        doc.put("feedback", a.status().name().toLowerCase(Locale.ROOT));
        doc.put("actual", finite(a.actual()));
        doc.put("expected", Map.of("low", finite(a.expectedLow()), "high", finite(a.expectedHigh())));
        doc.put("unit", a.unit());
        doc.put("detected_at", a.detectedAt().toString());
        return doc;
    }

    @SuppressWarnings("unchecked")
    static Anomaly fromDocument(Map<String, Object> doc) {
        Map<String, Object> entity = (Map<String, Object>) doc.get("entity");
        Map<String, Object> window = (Map<String, Object>) doc.get("window");
        Map<String, Object> expected = (Map<String, Object>) doc.getOrDefault("expected", Map.of());
        Map<String, Object> service = (Map<String, Object>) doc.get("service");
        AnomalyEntity e = new AnomalyEntity(String.valueOf(entity.get("type")),
                service == null ? null : String.valueOf(service.get("name")), String.valueOf(entity.get("name")),
                entity.get("run") == null ? null : String.valueOf(entity.get("run")));
        return new Anomaly(String.valueOf(doc.get("id")),
                AnomalyKind.valueOf(String.valueOf(doc.get("detector")).toUpperCase(Locale.ROOT)), e,
                Instant.parse(String.valueOf(window.get("start"))), Instant.parse(String.valueOf(window.get("end"))),
                number(doc.get("score")), Severity.valueOf(String.valueOf(doc.get("severity")).toUpperCase(Locale.ROOT)),
                number(doc.get("actual")), number(expected.get("low")), number(expected.get("high")),
                String.valueOf(doc.getOrDefault("unit", "")), String.valueOf(doc.get("explanation")),
                Instant.parse(String.valueOf(doc.get("detected_at"))),
                AnomalyStatus.valueOf(String.valueOf(doc.getOrDefault("feedback", "open")).toUpperCase(Locale.ROOT)));
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
