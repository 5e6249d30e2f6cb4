package io.logwarden.alert.internal.rule;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.HealthChangedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns query counts and buffered signals into per-group observations, one method per rule kind. */
public final class Conditions {

    private Conditions() {
    }

    /** QUERY_MATCH and COUNT_THRESHOLD: a group breaches when its count exceeds the threshold. */
    public static List<Observation> count(AlertRule rule, Map<String, Long> counts) {
        List<Observation> out = new ArrayList<>();
        new TreeMap<>(counts).forEach((group, count) -> out.add(new Observation(group, count,
                count > rule.threshold(), Map.of("count", Long.toString(count)))));
        return out;
    }

    /**
     * ERROR_RATE: percentage of errors among all matching events per group. A group with no events has no rate
     * and does not breach.
     */
    public static List<Observation> errorRate(AlertRule rule, Map<String, Long> totals, Map<String, Long> errors) {
        List<Observation> out = new ArrayList<>();
        new TreeMap<>(totals).forEach((group, total) -> {
            long failed = errors.getOrDefault(group, 0L);
            double rate = total == 0 ? 0 : Math.round(failed * 10000.0 / total) / 100.0;
            out.add(new Observation(group, rate, total > 0 && rate > rule.threshold(),
                    Map.of("count", Long.toString(failed), "total", Long.toString(total))));
        });
        return out;
    }

    /**
     * ABSENCE: ungrouped, breaches when nothing matched in the window; grouped, every group seen in the baseline
     * period that has no event in the window breaches.
     */
    public static List<Observation> absence(AlertRule rule, Map<String, Long> windowCounts, Set<String> baselineGroups) {
        if (rule.groupBy() == null) {
            long count = windowCounts.values().stream().mapToLong(Long::longValue).sum();
            return List.of(new Observation("", count, count == 0, Map.of("count", Long.toString(count))));
        }
        Map<String, Long> all = new TreeMap<>();
        baselineGroups.forEach(g -> all.put(g, 0L));
        all.putAll(windowCounts);
        List<Observation> out = new ArrayList<>();
        all.forEach((group, count) -> out.add(new Observation(group, count, count == 0,
                Map.of("count", Long.toString(count)))));
        return out;
    }

    /** ANOMALY: per entity the highest score in the window; breaches at or above the threshold. */
    public static List<Observation> anomaly(AlertRule rule, List<AnomalyDetectedEvent> inWindow) {
        Map<String, AnomalyDetectedEvent> worst = new TreeMap<>();
        for (AnomalyDetectedEvent e : inWindow) {
            String group = rule.groupBy() == null ? "" : e.entity();
            worst.merge(group, e, (a, b) -> a.score() >= b.score() ? a : b);
        }
        List<Observation> out = new ArrayList<>();
        worst.forEach((group, e) -> out.add(new Observation(group, e.score(), e.score() >= rule.threshold(),
                Map.of("anomaly.score", String.format(Locale.ROOT, "%.1f", e.score()),
                        "event.message", e.explanation() == null ? "" : e.explanation(),
                        "event.service", e.serviceName() == null ? "" : e.serviceName()))));
        return out;
    }

    /**
     * HEALTH: per component the latest report wins; it breaches when degraded, or when the rule has a positive
     * threshold and the reported value (e.g. query latency) exceeds it.
     */
    public static List<Observation> health(AlertRule rule, List<HealthChangedEvent> reports) {
        Map<String, HealthChangedEvent> latest = new LinkedHashMap<>();
        reports.stream().sorted(Comparator.comparing(HealthChangedEvent::timestamp))
                .filter(e -> rule.query().isEmpty() || rule.query().equals(e.component()))
                .forEach(e -> latest.put(e.component(), e));
        List<Observation> out = new ArrayList<>();
        latest.forEach((component, e) -> out.add(new Observation(component, e.value(),
                e.degraded() || (rule.threshold() > 0 && e.value() > rule.threshold()),
                Map.of("health.component", component, "health.details", e.details() == null ? "" : e.details()))));
        return out;
    }
}
