package io.logwarden.analytics;

import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.PiiMasker;
import io.logwarden.storage.CountSummary;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.PercentileSeries;
import io.logwarden.storage.SeriesHistogram;
import io.logwarden.storage.TopValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Time-series and breakdown queries behind the charts, always within the calling user's scope. Every query is timed
 * as {@code logwarden.dashboard.query} tagged with the chart.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class AnalyticsService {

    /** Levels counted as errors in error rates and summary cards. */
    public static final List<String> ERROR_LEVELS = List.of("error", "critical");
    /** Same name as {@code health.DomainMetrics.DASHBOARD_QUERY}; analytics does not depend on health. */
    static final String DASHBOARD_QUERY_METRIC = "logwarden.dashboard.query";
    static final int MAX_SERIES = 8;
    /**
     * The built-in personal fields. Which fields are pseudonymised is decided by the platform's one PII policy
     * ({@link PiiMasker#isPersonal}, with configured fields and keys), not by this list.
     */
    public static final java.util.Set<String> PERSONAL_FIELDS = java.util.Set.copyOf(PiiMasker.BUILT_IN_FIELDS);
    static final double[] PERCENTS = {50, 95, 99};
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final EventAnalytics events;
    private final AccessService access;
    private final MeterRegistry meters;
    private final PiiMasker masker;

    public AnalyticsService(EventAnalytics events, AccessService access, MeterRegistry meters, PiiMasker masker) {
        this.events = events;
        this.access = access;
        this.meters = meters;
        this.masker = masker;
    }

    /** Events per bucket, split by level, service or source. */
    public TimeSeries volumeOverTime(TimeRange range, Split split) {
        return timed("volume_by_" + split.name().toLowerCase(), () -> {
            Duration interval = BucketSize.forRange(range.length());
            SeriesHistogram histogram = events.countOverTime(query(range), interval, split.field(), MAX_SERIES);
            List<TimeSeries.Series> series = new ArrayList<>();
            histogram.series().forEach((name, counts) -> series.add(new TimeSeries.Series(name,
                    filterOf(split.field(), name), toDoubles(counts))));
            return new TimeSeries(range, interval, histogram.starts(), "events", series);
        });
    }

    /** Events per bucket split by any keyword field (custom dashboards); personal values pseudonymised. */
    public TimeSeries volumeOverTime(TimeRange range, String field) {
        return timed("custom_volume", () -> {
            CurrentUser user = access.current();
            Duration interval = BucketSize.forRange(range.length());
            SeriesHistogram histogram = events.countOverTime(query(range, user), interval, field, MAX_SERIES);
            boolean mask = masker.isPersonal(field) && !user.piiVisible();
            List<TimeSeries.Series> series = new ArrayList<>();
            histogram.series().forEach((name, counts) -> series.add(mask
                    ? new TimeSeries.Series(EventAnalytics.MISSING.equals(name) ? name : pseudonym(name), "",
                    toDoubles(counts))
                    : new TimeSeries.Series(name, filterOf(field, name), toDoubles(counts))));
            return new TimeSeries(range, interval, histogram.starts(), "events", series);
        });
    }

    /** Events per bucket without a split (one series "all"). */
    public TimeSeries volumeOverTime(TimeRange range) {
        return timed("volume", () -> {
            Duration interval = BucketSize.forRange(range.length());
            SeriesHistogram histogram = events.countOverTime(query(range), interval, null, 1);
            long[] counts = histogram.series().get(EventAnalytics.ALL);
            return new TimeSeries(range, interval, histogram.starts(), "events",
                    List.of(new TimeSeries.Series("Events", "", toDoubles(counts))));
        });
    }

    /** Errors (levels error and critical) ÷ all events per bucket and service, in percent; NaN where no events. */
    public TimeSeries errorRateOverTime(TimeRange range) {
        return timed("error_rate", () -> {
            Duration interval = BucketSize.forRange(range.length());
            SeriesHistogram histogram = events.matchingOverTime(query(range), interval, Split.SERVICE.field(),
                    MAX_SERIES, "log.level", ERROR_LEVELS);
            List<TimeSeries.Series> series = new ArrayList<>();
            histogram.series().forEach((service, errors) -> {
                long[] totals = histogram.totals().get(service);
                double[] rate = new double[errors.length];
                for (int i = 0; i < rate.length; i++) {
                    rate[i] = totals[i] == 0 ? Double.NaN : errors[i] * 100.0 / totals[i];
                }
                series.add(new TimeSeries.Series(service, Lucene.and(filterOf(Split.SERVICE.field(), service),
                        Lucene.anyOf("log.level", ERROR_LEVELS)), rate));
            });
            return new TimeSeries(range, interval, histogram.starts(), "%", series);
        });
    }

    /** p50/p95/p99 of {@code event.duration} in milliseconds per bucket, for the top actions or services. */
    public TimeSeries durationPercentiles(TimeRange range, DurationGroup group, int maxGroups) {
        return timed("duration_by_" + group.name().toLowerCase(), () -> {
            Duration interval = BucketSize.forRange(range.length());
            PercentileSeries percentiles = events.percentilesOverTime(query(range), interval, group.field(),
                    maxGroups, "event.duration", PERCENTS);
            List<TimeSeries.Series> series = new ArrayList<>();
            percentiles.groups().forEach((name, rows) -> {
                for (int p = 0; p < PERCENTS.length; p++) {
                    double[] values = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        values[i] = rows[i][p] / NANOS_PER_MILLI;
                    }
                    series.add(new TimeSeries.Series(name + " p" + (int) PERCENTS[p],
                            filterOf(group.field(), name), values));
                }
            });
            return new TimeSeries(range, interval, percentiles.starts(), "ms", series);
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

    private Breakdown topOf(TimeRange range, String field, String title, int size, boolean personal) {
        CurrentUser user = access.current();
        TopValues top = events.topValues(query(range, user), field, size);
        boolean mask = personal && !user.piiVisible();
        List<Breakdown.Entry> entries = top.values().stream()
                .map(v -> mask ? new Breakdown.Entry(pseudonym(v.key()), v.count(), "")
                        : new Breakdown.Entry(v.key(), v.count(), Lucene.term(field, v.key())))
                .toList();
        return new Breakdown(title, field, entries, top.others(), top.missing());
    }

    /** Total, errors, critical, warnings and distinct users of the 24 hours before {@code now}, and the 24 before. */
    public List<SummaryCard> summary24h(Instant now, String query) {
        return timed("summary", () -> {
            TimeRange current = TimeRange.last(Duration.ofHours(24), now, query);
            Map<String, String> named = new LinkedHashMap<>();
            named.put("errors", Lucene.anyOf("log.level", ERROR_LEVELS));
            named.put("critical", Lucene.term("log.level", "critical"));
            named.put("warnings", Lucene.anyOf("log.level", List.of("warn", "warning")));
            CurrentUser user = access.current();
            CountSummary a = events.summary(query(current, user), named, "user.name");
            CountSummary b = events.summary(query(current.previous(), user), named, "user.name");
            List<SummaryCard> cards = new ArrayList<>();
            cards.add(new SummaryCard("total", "Events", a.total(), b.total(), ""));
            cards.add(new SummaryCard("errors", "Errors", a.named().get("errors"), b.named().get("errors"),
                    named.get("errors")));
            cards.add(new SummaryCard("critical", "Critical", a.named().get("critical"), b.named().get("critical"),
                    named.get("critical")));
            cards.add(new SummaryCard("warnings", "Warnings", a.named().get("warnings"), b.named().get("warnings"),
                    named.get("warnings")));
            cards.add(new SummaryCard("users", "Distinct users", a.distinct(), b.distinct(), "_exists_:user.name"));
            return cards;
        });
    }

    /** Number of events matching the range and query (for single-number widgets). */
    public long count(TimeRange range) {
        return timed("count", () -> events.summary(query(range), Map.of(), null).total());
    }

    EventSelection query(TimeRange range) {
        return query(range, access.current());
    }

    private static EventSelection query(TimeRange range, CurrentUser user) {
        return new EventSelection(range.from(), range.to(), range.query(), user.scope().toFilter());
    }

    private <T> T timed(String chart, Supplier<T> query) {
        return Timer.builder(DASHBOARD_QUERY_METRIC)
                .description("Time to answer one chart's aggregation query")
                .tag("chart", chart)
                .publishPercentileHistogram()
                .register(meters)
                .record(query);
    }

    private static String filterOf(String field, String seriesName) {
        if (EventAnalytics.ALL.equals(seriesName)) {
            return "";
        }
        return Lucene.term(field, EventAnalytics.MISSING.equals(seriesName) ? null : seriesName);
    }

    private static double[] toDoubles(long[] counts) {
        double[] values = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            values[i] = counts[i];
        }
        return values;
    }

    /** A stable stand-in for a personal value: the same user always gets the same pseudonym. */
    static String pseudonym(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "user-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
