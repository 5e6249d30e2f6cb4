package io.logwarden.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aggregations over the event indices behind charts, dashboards and health checks. Every method applies the query's
 * scope outside its query string. A query Elasticsearch refuses raises {@link QueryRejectedException}; an
 * unreachable or failing Elasticsearch raises {@link StorageUnavailableException}.
 */
public interface EventAnalytics {

    /** Series name used when a histogram is not split. */
    String ALL = "all";
    /** Series name of events without the split field. */
    String MISSING = "(none)";
    /** Series name of events with a value beyond the top ones asked for (and possibly some without the field). */
    String OTHER = "(other)";

    /**
     * Events per {@code interval}, split by the {@code maxSeries} most frequent values of {@code splitField} (null:
     * one series {@link #ALL}); the remaining events form the series {@link #MISSING} or {@link #OTHER}.
     */
    SeriesHistogram countOverTime(EventSelection query, Duration interval, String splitField, int maxSeries);

    /**
     * Per bucket and series: all events ({@link SeriesHistogram#totals}) and those whose {@code field} has one of
     * {@code values} ({@link SeriesHistogram#series}).
     */
    SeriesHistogram matchingOverTime(EventSelection query, Duration interval, String splitField, int maxSeries,
                                     String field, List<String> values);

    /**
     * Percentiles of the numeric {@code field} per bucket, per top value of {@code groupField} (null: {@link #ALL}),
     * over the events that have the field.
     */
    PercentileSeries percentilesOverTime(EventSelection query, Duration interval, String groupField, int maxGroups,
                                         String field, double... percents);

    TopValues topValues(EventSelection query, String field, int size);

    /** Everything the overview dashboard shows, from one search. */
    OverviewData overview(OverviewRequest request);

    /** Matching events. */
    long count(EventSelection query);

    /**
     * Counts per consecutive period ({@code boundaries} = start of the first, ..., end of the last; the selection's
     * own range is ignored), split by {@code splitField}, with the distinct values of {@code distinctField} (may be
     * null), from one search.
     */
    List<PeriodCounts> periodCounts(EventSelection query, List<Instant> boundaries, String splitField,
                                    String distinctField);

    /**
     * Per {@code job.name}: runs, events per {@code job.state}, and percentiles and maximum of {@code event.duration}
     * of the events whose state is one of {@code finishedStates}.
     */
    JobCounts jobCounts(EventSelection query, int maxNames, List<String> finishedStates, double... percents);

    /**
     * Per job name of {@code limitsNs}: events whose state is one of {@code states} and whose {@code event.duration}
     * exceeds the name's limit.
     */
    Map<String, Long> jobRunsOver(EventSelection query, Map<String, Long> limitsNs, List<String> states);

    /** Runs ({@code job.id}) of jobs matching the query, by latest event, newest first: {@code limit} from {@code offset}. */
    List<JobRunRecord> jobRuns(EventSelection query, int offset, int limit);

    /** Distinct runs ({@code job.id}) matching the query (exact up to 40,000). */
    long countJobRuns(EventSelection query);

    /** The first event time of each run before {@code before}, whatever its start (runs that began before a range). */
    Map<String, Instant> jobRunStarts(ScopeFilter scope, Collection<String> jobIds, Instant before);

    /** The newest value of a date field over all events (unscoped; for health checks). */
    Optional<Instant> newest(String dateField);
}
