package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.Severity;
import io.logwarden.alert.internal.rule.Conditions;
import io.logwarden.alert.internal.rule.Observation;
import io.logwarden.storage.AnomalyScores;
import io.logwarden.storage.EventCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a rule's condition looks like now, per group: the queries and signals behind each rule kind. */
public class RuleObserver {

    static final int MAX_GROUPS = 500;
    /** ABSENCE per group: sources seen in this many windows before the current one are expected. */
    static final int ABSENCE_BASELINE_WINDOWS = 6;

    private final EventCounts counts;
    private final SignalBuffer signals;
    private final HealthSignals health;
    private final AnomalyScores anomalyScores;

    /** @param anomalyScores reads {@code logwarden-anomalies-*}; null: only anomalies published to this instance */
    public RuleObserver(EventCounts counts, SignalBuffer signals, HealthSignals health, AnomalyScores anomalyScores) {
        this.counts = counts;
        this.signals = signals;
        this.health = health;
        this.anomalyScores = anomalyScores;
    }

    /**
     * The observations of {@code rule} (already in its owner's scope) for the window ending {@code now}.
     * {@code firingGroups} are the groups firing now: a grouped ABSENCE rule keeps expecting them however long
     * they stay silent.
     */
    public List<Observation> observe(AlertRule rule, Instant now, Set<String> firingGroups) {
        Instant from = now.minus(rule.window());
        return switch (rule.kind()) {
            case QUERY_MATCH, COUNT_THRESHOLD -> Conditions.count(rule,
                    counts.countByGroup(rule.query(), rule.scope(), rule.groupBy(), from, now, MAX_GROUPS));
            case ERROR_RATE -> Conditions.errorRate(rule,
                    counts.countByGroup(rule.query(), rule.scope(), rule.groupBy(), from, now, MAX_GROUPS),
                    counts.countByGroup(and(rule.query(), rule.errorQuery()), rule.scope(), rule.groupBy(), from,
                            now, MAX_GROUPS));
            case ABSENCE -> Conditions.absence(rule,
                    counts.countByGroup(rule.query(), rule.scope(), rule.groupBy(), from, now, MAX_GROUPS),
                    expectedGroups(rule, from, firingGroups));
            case ANOMALY -> Conditions.anomaly(rule, anomalies(rule, from, now));
            case HEALTH -> Conditions.health(rule, health.reports(signals.health(now), now));
        };
    }

    private Set<String> expectedGroups(AlertRule rule, Instant windowStart, Set<String> firingGroups) {
        if (rule.groupBy() == null) {
            return Set.of();
        }
        Set<String> expected = new HashSet<>(counts.countByGroup(rule.query(), rule.scope(), rule.groupBy(),
                windowStart.minus(rule.window().multipliedBy(ABSENCE_BASELINE_WINDOWS)), windowStart, MAX_GROUPS)
                .keySet());
        expected.addAll(firingGroups);
        return expected;
    }

    /** Anomalies stored by the detectors (any instance) plus those published to this instance, in scope. */
    private List<AnomalyDetectedEvent> anomalies(AlertRule rule, Instant from, Instant now) {
        List<AnomalyDetectedEvent> all = new ArrayList<>(signals.anomalies(from, now).stream()
                .filter(e -> inScope(rule, e.serviceName(), e.organizationId())).toList());
        if (anomalyScores != null) {
            for (AnomalyScores.Anomaly a : anomalyScores.top(rule.scope(), from, now, MAX_GROUPS)) {
                all.add(new AnomalyDetectedEvent(a.timestamp(), a.detector(), a.entity() == null ? "" : a.entity(),
                        a.score(), severity(a.severity()), a.explanation(), a.serviceName(), null, a.id()));
            }
        }
        return all;
    }

    static Severity severity(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        try {
            return Severity.valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean inScope(AlertRule rule, String service, String organization) {
        if (rule.scope().matchNothing()) {
            return false;
        }
        var allowed = rule.scope().allowedValues();
        return (!allowed.containsKey("service.name") || allowed.get("service.name").contains(service))
                && (!allowed.containsKey("organization.id") || allowed.get("organization.id").contains(organization));
    }

    static String and(String query, String other) {
        return query == null || query.isBlank() ? other : "(" + query + ") AND (" + other + ")";
    }
}
