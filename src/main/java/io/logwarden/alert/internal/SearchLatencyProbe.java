package io.logwarden.alert.internal;

import io.logwarden.alert.HealthChangedEvent;
import io.logwarden.health.DomainMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Real user search latency for HEALTH rules ("slow queries"): each sample reads the {@code logwarden.search.latency}
 * timer that every search records and reports the 95th percentile of the searches since the previous sample (from
 * the timer's histogram; the mean where no histogram is kept) as component {@code search.latency}, value in ms.
 */
final class SearchLatencyProbe {

    static final String COMPONENT = "search.latency";

    private final MeterRegistry registry;
    private long previousCount;
    private double previousTotalMs;
    private Map<Double, Double> previousBuckets = Map.of();
    private Instant previousAt;

    SearchLatencyProbe(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized HealthChangedEvent sample(Instant now) {
        Collection<Timer> timers = registry == null ? java.util.List.of()
                : registry.find(DomainMetrics.SEARCH_LATENCY).timers();
        long count = 0;
        double totalMs = 0;
        Map<Double, Double> buckets = new TreeMap<>();
        for (Timer timer : timers) {
            count += timer.count();
            totalMs += timer.totalTime(TimeUnit.MILLISECONDS);
            for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
                buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
            }
        }
        long searches = count - previousCount;
        double spentMs = totalMs - previousTotalMs;
        Map<Double, Double> before = previousBuckets;
        String since = previousAt == null ? "since start" : "in the last " + human(Duration.between(previousAt, now));
        previousCount = count;
        previousTotalMs = totalMs;
        previousBuckets = buckets;
        previousAt = now;
        if (searches <= 0) {
            return new HealthChangedEvent(now, COMPONENT, false, 0, "no searches " + since);
        }
        double mean = spentMs / searches;
        double p95 = percentile(buckets, before, searches, 0.95);
        double value = Double.isNaN(p95) ? mean : p95;
        return new HealthChangedEvent(now, COMPONENT, false, value, String.format(Locale.ROOT,
                "%s %.0f ms over %d searches %s (mean %.0f ms)", Double.isNaN(p95) ? "mean" : "p95", value, searches,
                since, mean));
    }

    /** Upper bound of the first bucket holding {@code q} of the searches since the previous sample, NaN if unknown. */
    static double percentile(Map<Double, Double> now, Map<Double, Double> before, long searches, double q) {
        for (Map.Entry<Double, Double> bucket : now.entrySet()) {
            double delta = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (delta < 0) {
                return Double.NaN; // not a cumulative histogram
            }
            if (delta >= q * searches) {
                return bucket.getKey();
            }
        }
        return Double.NaN;
    }

    private static String human(Duration d) {
        return d.toSeconds() >= 120 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
