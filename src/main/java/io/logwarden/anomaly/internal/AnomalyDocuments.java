package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.Learning;
import io.logwarden.anomaly.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps anomalies to and from the documents of the {@code logwarden-anomalies-*} indices. A document has
 * {@code organization.id} only when the anomaly concerns exactly one tenant (see docs/decisions/034); all its tenants
 * are in {@code tenants}.
 */
final class AnomalyDocuments {

    /** Fields a re-detection never overwrites: the review state and the first detection time. */
    static final List<String> REVIEW_FIELDS = List.of("feedback", "learning", "learning_note", "reviewed_by",
            "reviewed_at", "detected_at");

    private AnomalyDocuments() {
    }

    static Map<String, Object> toDocument(Anomaly a, Instant now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", a.id());
        doc.put("@timestamp", a.windowStart().toString());
        doc.put("detector", a.kind().id());
        doc.put("score", a.score());
        doc.put("severity", lower(a.severity()));
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
        if (a.tenant() != null) {
            doc.put("organization", Map.of("id", a.tenant()));
        }
        doc.put("tenants", a.tenants());
        doc.put("feedback", lower(a.status()));
        doc.put("learning", lower(a.learning()));
        doc.put("learning_note", a.learningNote());
        doc.put("actual", finite(a.actual()));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("low", finite(a.expectedLow()));
        expected.put("high", finite(a.expectedHigh()));
        doc.put("expected", expected);
        doc.put("unit", a.unit());
        doc.put("evidence", a.evidence());
        doc.put("detected_at", a.detectedAt().toString());
        doc.put("updated_at", now.toString());
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
        List<String> tenants = new ArrayList<>();
        if (doc.get("tenants") instanceof List<?> list) {
            list.forEach(t -> tenants.add(String.valueOf(t)));
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        if (doc.get("evidence") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Number n) {
                    evidence.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        Object detected = doc.get("detected_at");
        return new Anomaly(String.valueOf(doc.get("id")), AnomalyKind.ofId(String.valueOf(doc.get("detector"))), e,
                Instant.parse(String.valueOf(window.get("start"))), Instant.parse(String.valueOf(window.get("end"))),
                number(doc.get("score")), Severity.valueOf(upper(doc.get("severity"), "LOW")),
                number(doc.get("actual")), number(expected.get("low")), number(expected.get("high")),
                String.valueOf(doc.getOrDefault("unit", "")), String.valueOf(doc.get("explanation")),
                detected == null ? null : Instant.parse(String.valueOf(detected)),
                AnomalyStatus.valueOf(upper(doc.get("feedback"), "OPEN")), tenants, evidence,
                Learning.valueOf(upper(doc.get("learning"), "NONE")),
                doc.get("learning_note") == null ? "" : String.valueOf(doc.get("learning_note")));
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(Object value, String otherwise) {
        return value == null ? otherwise : String.valueOf(value).toUpperCase(Locale.ROOT);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
