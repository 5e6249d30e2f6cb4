package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyDetectedEvent;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.Severity;
import io.logwarden.storage.AnomalyFeatureQueries;
import io.logwarden.storage.AnomalyFeatureQueries.TenantProbe;
import io.logwarden.storage.AnomalyRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records what a cycle found and publishes what is news. Each anomaly gets the tenants of the events behind it; a
 * document that exists already (an ongoing silence or stuck run, a window caught up twice) is updated with the new
 * score and window end while its review state stays; an {@link AnomalyDetectedEvent} goes out only for a new anomaly
 * or one whose severity rose, and only if its window ended within {@code alert-max-age} (catch-up after downtime is
 * recorded, not alerted).
 */
@Component
class AnomalyRecorder {

    /** Tenants kept per anomaly. */
    static final int MAX_TENANTS = 20;
    /** Before a silence, how far back its source's tenants are looked up. */
    static final Duration SILENCE_LOOKBACK = Duration.ofHours(1);

    private final AnomalyRecords records;
    private final AnomalyFeatureQueries features;
    private final ApplicationEventPublisher events;
    private final AnomalyMetrics metrics;

    AnomalyRecorder(AnomalyRecords records, AnomalyFeatureQueries features, ApplicationEventPublisher events,
                    AnomalyMetrics metrics) {
        this.records = records;
        this.features = features;
        this.events = events;
        this.metrics = metrics;
    }

    /** Result of recording: the anomalies as recorded (with tenants) and how many were published. */
    record Outcome(List<Anomaly> recorded, int published) {
    }

    Outcome record(List<Anomaly> found, Instant now, Duration alertMaxAge) {
        if (found.isEmpty()) {
            return new Outcome(List.of(), 0);
        }
        Map<String, Anomaly> byId = new LinkedHashMap<>();
        found.forEach(a -> byId.put(a.id(), a)); // an id seen twice in one cycle: the later (larger window) wins
        List<Anomaly> anomalies = withTenants(new ArrayList<>(byId.values()));
        List<AnomalyRecords.Recorded> recorded = records.record(
                anomalies.stream().map(a -> AnomalyDocuments.toDocument(a, now)).toList(),
                AnomalyDocuments.REVIEW_FIELDS);
        int published = 0;
        Instant oldest = now.minus(alertMaxAge);
        for (int i = 0; i < anomalies.size(); i++) {
            Anomaly a = anomalies.get(i);
            AnomalyRecords.Recorded r = recorded.get(i);
            if (r.created()) {
                metrics.detected(a);
            }
            if (news(a, r) && a.windowEnd().isAfter(oldest)) {
                events.publishEvent(new AnomalyDetectedEvent(a));
                published++;
            }
        }
        return new Outcome(anomalies, published);
    }

    private static boolean news(Anomaly a, AnomalyRecords.Recorded r) {
        if (r.created()) {
            return true;
        }
        if ("false_positive".equals(r.previousFeedback())) {
            return false;
        }
        Severity before = r.previousSeverity() == null ? Severity.LOW
                : Severity.valueOf(r.previousSeverity().toUpperCase(Locale.ROOT));
        return a.severity().compareTo(before) > 0;
    }

    private List<Anomaly> withTenants(List<Anomaly> anomalies) {
        List<TenantProbe> probes = new ArrayList<>();
        for (Anomaly a : anomalies) {
            probes.add(probe(a));
        }
        Map<String, List<String>> tenants = features.tenants(probes, MAX_TENANTS);
        List<Anomaly> out = new ArrayList<>(anomalies.size());
        for (Anomaly a : anomalies) {
            out.add(a.withTenants(tenants.getOrDefault(a.id(), List.of())));
        }
        return out;
    }

    /** The events an anomaly is about: its window's events of its entity (before a silence: the last hour's). */
    static TenantProbe probe(Anomaly a) {
        AnomalyEntity e = a.entity();
        Map<String, String> terms = new LinkedHashMap<>();
        switch (e.type()) {
            case "action" -> {
                if (e.service() != null) {
                    terms.put("service.name", e.service());
                }
                terms.put("event.action", e.name());
            }
            case "host" -> terms.put("host.name", e.name());
            case "job" -> {
                terms.put("job.name", e.name());
                if (e.id() != null) {
                    terms.put("job.id", e.id());
                }
            }
            default -> terms.put("service.name", e.service() != null ? e.service() : e.name());
        }
        if (a.kind() == AnomalyKind.SILENT_SOURCE) {
            return new TenantProbe(a.id(), terms, a.windowStart().minus(SILENCE_LOOKBACK), a.windowStart());
        }
        Instant end = a.windowEnd().isAfter(a.windowStart()) ? a.windowEnd() : a.windowStart().plusSeconds(1);
        return new TenantProbe(a.id(), terms, a.windowStart(), end);
    }
}
