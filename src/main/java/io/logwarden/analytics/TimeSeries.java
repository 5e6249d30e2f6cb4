package io.logwarden.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Values over time, one or more named series over the same buckets.
 *
 * @param range    the range asked for
 * @param interval bucket width
 * @param starts   bucket start times, oldest first, empty buckets included
 * @param unit     what the values are: "events", "%", "ms"
 * @param series   the series, most significant first
 */
public record TimeSeries(TimeRange range, Duration interval, List<Instant> starts, String unit, List<Series> series) {

    /**
     * One line or stack of bars.
     *
     * @param name   series name (a field value, or e.g. "checkout p95")
     * @param filter Lucene filter that selects the series' events (for click-through to search), may be blank
     * @param values one value per bucket; {@code NaN} where there is no value
     */
    public record Series(String name, String filter, double[] values) {
    }

    /** Sum of every series' values (ignoring gaps). */
    public double total() {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values()))
                .filter(v -> !Double.isNaN(v)).sum();
    }
}
