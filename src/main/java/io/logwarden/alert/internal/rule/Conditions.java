package io.logwarden.alert.internal.rule;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AnomalyDetectedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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

    /**
     * ANOMALY: per entity the highest score in the window; breaches at or above the score threshold and, when the
     * rule sets one, at or above the detector severity.
     */
    public static List<Observation> anomaly(AlertRule rule, List<AnomalyDetectedEvent> inWindow) {
        Map<String, AnomalyDetectedEvent> worst = new TreeMap<>();
        for (AnomalyDetectedEvent e : inWindow) {
            String group = rule.groupBy() == null ? "" : e.entity();
            worst.merge(group, e, (a, b) -> a.score() >= b.score() ? a : b);
        }
        List<Observation> out = new ArrayList<>();
        worst.forEach((group, e) -> {
            boolean severe = rule.anomalySeverity() == null
                    || (e.severity() != null && e.severity().atLeast(rule.anomalySeverity()));
            Map<String, String> fields = new HashMap<>();
            fields.put("anomaly.score", String.format(Locale.ROOT, "%.1f", e.score()));
            fields.put("anomaly.severity", e.severity() == null ? "" : e.severity().label());
            fields.put("anomaly.detector", e.detector() == null ? "" : e.detector());
            fields.put("anomaly.id", e.id() == null ? "" : e.id());
            fields.put("event.message", e.explanation() == null ? "" : e.explanation());
            fields.put("event.service", e.serviceName() == null ? "" : e.serviceName());
            out.add(new Observation(group, e.score(), e.score() >= rule.threshold() && severe, fields));
        });
        return out;
    }

    /**
     * HEALTH: per component and instance the latest report counts; a component breaches when any instance reports
     * it degraded, or when the rule has a positive threshold and a reported value (e.g. search latency in ms)
     * exceeds it. The value is the highest one reported.
     */
    public static List<Observation> health(AlertRule rule, List<HealthReport> reports) {
        Map<String, HealthReport> latest = new LinkedHashMap<>();
        reports.stream().sorted(Comparator.comparing(HealthReport::timestamp))
                .filter(e -> rule.query().isEmpty() || rule.query().equals(e.component()))
                .forEach(e -> latest.put(e.component() + "|" + e.instance(), e));
        Map<String, List<HealthReport>> byComponent = new TreeMap<>();
        latest.values().forEach(r -> byComponent.computeIfAbsent(r.component(), c -> new ArrayList<>()).add(r));
        List<Observation> out = new ArrayList<>();
        byComponent.forEach((component, instances) -> {
            List<HealthReport> bad = instances.stream().filter(r -> breaches(rule, r)).toList();
            double value = instances.stream().mapToDouble(HealthReport::value).max().orElse(0);
            List<HealthReport> shown = bad.isEmpty() ? instances : bad;
            String details = shown.size() == 1 ? nz(shown.getFirst().details())
                    : shown.stream().map(r -> r.instance() + ": " + nz(r.details()))
                    .collect(java.util.stream.Collectors.joining("; "));
            out.add(new Observation(component, value, !bad.isEmpty(),
                    Map.of("health.component", component, "health.details", details)));
        });
        return out;
    }

    private static boolean breaches(AlertRule rule, HealthReport report) {
        return report.degraded() || (rule.threshold() > 0 && report.value() > rule.threshold());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
