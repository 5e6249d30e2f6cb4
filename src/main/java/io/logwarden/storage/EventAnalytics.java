package io.logwarden.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;

/**
 * Aggregations over the event indices behind charts, dashboards and health checks. Every method applies the query's
 * scope outside its query string.
 */
public interface EventAnalytics {

    /** Series name used when a histogram is not split. */
    String ALL = "all";
    /** Series name of events without the split field. */
    String MISSING = "(none)";

    /**
     * Events per {@code interval}, split by the {@code maxSeries} most frequent values of {@code splitField} (null:
     * one series {@link #ALL}); events without the field form the series {@link #MISSING}.
     */
    SeriesHistogram countOverTime(EventSelection query, Duration interval, String splitField, int maxSeries);

    /**
     * Per bucket and series: all events ({@link SeriesHistogram#totals}) and those whose {@code field} has one of
     * {@code values} ({@link SeriesHistogram#series}).
     */
    SeriesHistogram matchingOverTime(EventSelection query, Duration interval, String splitField, int maxSeries,
                                     String field, List<String> values);

    /** Percentiles of the numeric {@code field} per bucket, per top value of {@code groupField} (null: {@link #ALL}). */
    PercentileSeries percentilesOverTime(EventSelection query, Duration interval, String groupField, int maxGroups,
                                         String field, double... percents);

    TopValues topValues(EventSelection query, String field, int size);

    /** Totals, counts of named Lucene sub-queries, and the distinct values of {@code distinctField} (may be null). */
    CountSummary summary(EventSelection query, Map<String, String> namedQueries, String distinctField);

    /** The latest runs (by {@code job.id}) of jobs matching the query, newest first. */
    List<JobRunRecord> jobRuns(EventSelection query, int max);

    /** The newest value of a date field over all events (unscoped; for health checks). */
    Optional<Instant> newest(String dateField);
}
