package io.logwarden.analytics;

import io.logwarden.search.SearchProperties;
import io.logwarden.search.SearchService;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.PiiMasker;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.OverviewData;
import io.logwarden.storage.OverviewRequest;
import io.logwarden.storage.PeriodCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Time-series and breakdown queries behind the charts, always within the calling user's scope. Queries are checked
 * by Search's validation ({@link SearchService#validate}) and run with Search's default fields and wildcard settings,
 * so a chart counts what the Search page it opens finds. Every query is timed as {@code logwarden.dashboard.query}
 * tagged with the chart ({@code overview} for the whole overview dashboard).
 */
@Service
@PreAuthorize("isAuthenticated()")
public class AnalyticsService {

    /** Levels counted as errors in error rates and summary cards. */
    public static final List<String> ERROR_LEVELS = List.of("error", "critical");
    static final List<String> WARNING_LEVELS = List.of("warn", "warning");
    static final String DASHBOARD_QUERY_METRIC = "logwarden.dashboard.query";
    static final int MAX_SERIES = 8;
    static final int TOP_SIZE = 10;
    static final int DURATION_GROUPS = 3;
    static final double[] PERCENTS = {50, 95, 99};
    private static final String ERRORS_FILTER = Lucene.anyOf("log.level", ERROR_LEVELS);

    private final EventAnalytics events;
    private final AccessService access;
    private final SearchService search;
    private final SearchProperties searchSettings;
    private final MeterRegistry meters;
    private final PiiMasker masker;

    public AnalyticsService(EventAnalytics events, AccessService access, SearchService search,
                            SearchProperties searchSettings, MeterRegistry meters, PiiMasker masker) {
        this.events = events;
        this.access = access;
        this.search = search;
        this.searchSettings = searchSettings;
        this.meters = meters;
        this.masker = masker;
    }

    /** Every chart of the overview dashboard, from one Elasticsearch search. */
    public Overview overview(TimeRange range) {
        return timed("overview", () -> {
            CurrentUser user = access.current();
            Duration interval = BucketSize.forRange(range.length());
            Duration durationInterval = BucketSize.forRange(range.length(), BucketSize.MAX_PERCENTILE_BUCKETS);
            OverviewData data = events.overview(new OverviewRequest(selection(range, user), interval, MAX_SERIES,
                    List.of(Split.LEVEL.field(), Split.SERVICE.field(), Split.SOURCE.field()),
                    new OverviewRequest.ErrorRequest(Split.SERVICE.field(), "log.level", ERROR_LEVELS),
                    new OverviewRequest.PercentileRequest("event.duration", DurationGroup.ACTION.field(),
                            DURATION_GROUPS, durationInterval, PERCENTS),
                    List.of(TopField.ACTIONS.field(), TopField.ERROR_TYPES.field(), TopField.USERS.field(),
                            TopField.ENTITIES.field(), TopField.AUDIT_STATUS.field()), TOP_SIZE));
            boolean mask = !user.piiVisible();
            return new Overview(range,
                    ChartData.counts(range, interval, data.splits().get(Split.LEVEL.field()), Split.LEVEL.field(),
                            false),
                    ChartData.counts(range, interval, data.splits().get(Split.SERVICE.field()), Split.SERVICE.field(),
                            false),
                    ChartData.counts(range, interval, data.splits().get(Split.SOURCE.field()), Split.SOURCE.field(),
                            false),
                    ChartData.rates(range, interval, data.errors(), Split.SERVICE.field(), ERRORS_FILTER),
                    ChartData.percentiles(range, durationInterval, data.durations(), DurationGroup.ACTION.field()),
                    top(data, TopField.ACTIONS, false), top(data, TopField.ERROR_TYPES, false),
                    top(data, TopField.USERS, mask), top(data, TopField.ENTITIES, false),
                    top(data, TopField.AUDIT_STATUS, false),
                    ChartData.sums(TopField.SOURCE.title(), TopField.SOURCE.field(),
                            data.splits().get(Split.SOURCE.field())));
        });
    }

    /** Events per bucket, split by level, service or source. */
    public TimeSeries volumeOverTime(TimeRange range, Split split) {
        return timed("volume_by_" + split.name().toLowerCase(), () -> {
            Duration interval = BucketSize.forRange(range.length());
            return ChartData.counts(range, interval, events.countOverTime(selection(range, access.current()),
                    interval, split.field(), MAX_SERIES), split.field(), false);
        });
    }

    /** Events per bucket split by any keyword field (custom dashboards); personal values pseudonymised. */
    public TimeSeries volumeOverTime(TimeRange range, String field) {
        return timed("custom_volume", () -> {
            CurrentUser user = access.current();
            Duration interval = BucketSize.forRange(range.length());
            return ChartData.counts(range, interval, events.countOverTime(selection(range, user), interval, field,
                    MAX_SERIES), field, masker.isPersonal(field) && !user.piiVisible());
        });
    }

    /** Events per bucket without a split (one series "Events"). */
    public TimeSeries volumeOverTime(TimeRange range) {
        return timed("volume", () -> {
            Duration interval = BucketSize.forRange(range.length());
            var histogram = events.countOverTime(selection(range, access.current()), interval, null, 1);
            return new TimeSeries(range, interval, histogram.starts(), "events", List.of(new TimeSeries.Series(
                    "Events", "", ChartData.toDoubles(histogram.series().get(EventAnalytics.ALL)))));
        });
    }

    /** Errors (levels error and critical) ÷ all events per bucket and service, in percent; NaN where no events. */
    public TimeSeries errorRateOverTime(TimeRange range) {
        return timed("error_rate", () -> {
            Duration interval = BucketSize.forRange(range.length());
            return ChartData.rates(range, interval, events.matchingOverTime(selection(range, access.current()),
                    interval, Split.SERVICE.field(), MAX_SERIES, "log.level", ERROR_LEVELS), Split.SERVICE.field(),
                    ERRORS_FILTER);
        });
    }

    /**
     * p50/p95/p99 of {@code event.duration} in milliseconds for the top actions or services, in at most
     * {@link BucketSize#MAX_PERCENTILE_BUCKETS} buckets.
     */
    public TimeSeries durationPercentiles(TimeRange range, DurationGroup group, int maxGroups) {
        return timed("duration_by_" + group.name().toLowerCase(), () -> {
            Duration interval = BucketSize.forRange(range.length(), BucketSize.MAX_PERCENTILE_BUCKETS);
            return ChartData.percentiles(range, interval, events.percentilesOverTime(
                    selection(range, access.current()), interval, group.field(), maxGroups, "event.duration",
                    PERCENTS), group.field());
        });
    }

    /** The most frequent values of a field; personal values pseudonymised for users without PII access. */
    public Breakdown top(TimeRange range, TopField field, int size) {
        return timed("top_" + field.name().toLowerCase(), () -> topOf(range, field.field(), field.title(), size,
                field.personal() || masker.isPersonal(field.field())));
    }

    /** The most frequent values of any keyword field (custom dashboards). */
    public Breakdown top(TimeRange range, String field, String title, int size) {
        return timed("custom_top", () -> topOf(range, field, title, size, masker.isPersonal(field)));
    }

    /**
     * Total, errors, critical, warnings and distinct users of the 24 hours before {@code now} (rounded up to the
     * minute) and of the 24 hours before those, from one search.
     */
    public List<SummaryCard> summary24h(Instant now, String query) {
        return timed("summary", () -> {
            TimeRange current = TimeRange.rounded(Duration.ofHours(24), now, query);
            Instant end = current.to();
            Instant start = end.minus(Duration.ofHours(24));
            List<PeriodCounts> periods = events.periodCounts(selection(current, access.current()),
                    List.of(start.minus(Duration.ofHours(24)), start, end), "log.level", "user.name");
            PeriodCounts before = periods.get(0);
            PeriodCounts last = periods.get(1);
            return List.of(
                    new SummaryCard("total", "Events", last.total(), before.total(), ""),
                    new SummaryCard("errors", "Errors", last.sum(ERROR_LEVELS), before.sum(ERROR_LEVELS),
                            ERRORS_FILTER),
                    new SummaryCard("critical", "Critical", last.sum(List.of("critical")),
                            before.sum(List.of("critical")), Lucene.term("log.level", "critical")),
                    new SummaryCard("warnings", "Warnings", last.sum(WARNING_LEVELS), before.sum(WARNING_LEVELS),
                            Lucene.anyOf("log.level", WARNING_LEVELS)),
                    new SummaryCard("users", "Distinct users", last.distinct(), before.distinct(),
                            "_exists_:user.name"));
        });
    }

    /** Number of events matching the range and query (for single-number widgets). */
    public long count(TimeRange range) {
        return timed("count", () -> events.count(selection(range, access.current())));
    }

    private Breakdown topOf(TimeRange range, String field, String title, int size, boolean personal) {
        CurrentUser user = access.current();
        return ChartData.breakdown(title, field, events.topValues(selection(range, user), field, size),
                personal && !user.piiVisible());
    }

    private static Breakdown top(OverviewData data, TopField field, boolean mask) {
        return ChartData.breakdown(field.title(), field.field(), data.tops().get(field.field()), mask);
    }

    /** The range as storage takes it, after the query passed Search's validation for this user. */
    private EventSelection selection(TimeRange range, CurrentUser user) {
        search.validate(range.query());
        return new EventSelection(range.from(), range.to(), range.query(), user.scope().toFilter(),
                searchSettings.defaultFields(), searchSettings.allowLeadingWildcards());
    }

    private <T> T timed(String chart, Supplier<T> query) {
        return Timer.builder(DASHBOARD_QUERY_METRIC)
                .description("Time to answer one chart's (or the whole overview's) aggregation query")
                .tag("chart", chart)
                .publishPercentileHistogram()
                .register(meters)
                .record(query);
    }

    /** A stable stand-in for a personal value: the same user always gets the same pseudonym. */
    static String pseudonym(String value) {
        return ChartData.pseudonym(value);
    }
}
