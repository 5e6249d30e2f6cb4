package io.logwarden.analytics;

import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.KeyCount;
import io.logwarden.storage.PercentileSeries;
import io.logwarden.storage.SeriesHistogram;
import io.logwarden.storage.TopValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns storage's counts into the analytics records charts show, with click-through filters and pseudonyms. */
final class ChartData {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private ChartData() {
    }

    /** One series per value of {@code field}; personal values pseudonymised (and not searchable) when {@code mask}. */
    static TimeSeries counts(TimeRange range, Duration interval, SeriesHistogram histogram, String field,
                             boolean mask) {
        List<String> listed = listed(histogram.series());
        List<TimeSeries.Series> series = new ArrayList<>();
        histogram.series().forEach((name, counts) -> series.add(mask && !isRest(name)
                ? new TimeSeries.Series(pseudonym(name), "", toDoubles(counts))
                : new TimeSeries.Series(name, mask ? "" : filterOf(field, name, listed), toDoubles(counts))));
        return new TimeSeries(range, interval, histogram.starts(), "events", series);
    }

    /** Matching ÷ all events per bucket and series, in percent; NaN where a bucket has no events. */
    static TimeSeries rates(TimeRange range, Duration interval, SeriesHistogram histogram, String field,
                            String matchFilter) {
        List<String> listed = listed(histogram.series());
        List<TimeSeries.Series> series = new ArrayList<>();
        histogram.series().forEach((name, matching) -> {
            long[] totals = histogram.totals().get(name);
            double[] rate = new double[matching.length];
            for (int i = 0; i < rate.length; i++) {
                rate[i] = totals[i] == 0 ? Double.NaN : matching[i] * 100.0 / totals[i];
            }
            series.add(new TimeSeries.Series(name, Lucene.and(filterOf(field, name, listed), matchFilter), rate));
        });
        return new TimeSeries(range, interval, histogram.starts(), "%", series);
    }

    /** One series per group and percent ("checkout p95"), in milliseconds. */
    static TimeSeries percentiles(TimeRange range, Duration interval, PercentileSeries percentiles, String field) {
        double[] percents = percentiles.percents();
        List<TimeSeries.Series> series = new ArrayList<>();
        percentiles.groups().forEach((name, rows) -> {
            for (int p = 0; p < percents.length; p++) {
                double[] values = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = rows[i][p] / NANOS_PER_MILLI;
                }
                series.add(new TimeSeries.Series(name + " p" + (int) percents[p],
                        EventAnalytics.ALL.equals(name) ? "" : Lucene.term(field, name), values));
            }
        });
        return new TimeSeries(range, interval, percentiles.starts(), "ms", series);
    }

    static Breakdown breakdown(String title, String field, TopValues top, boolean mask) {
        List<Breakdown.Entry> entries = top.values().stream()
                .map(v -> mask ? new Breakdown.Entry(pseudonym(v.key()), v.count(), "")
                        : new Breakdown.Entry(v.key(), v.count(), Lucene.term(field, v.key())))
                .toList();
        return new Breakdown(title, field, entries, top.others(), top.missing());
    }

    /** A breakdown from the per-series sums of a volume split (same numbers as a top-values query, no extra pass). */
    static Breakdown sums(String title, String field, SeriesHistogram histogram) {
        List<KeyCount> values = new ArrayList<>();
        long others = 0;
        long missing = 0;
        for (Map.Entry<String, long[]> series : histogram.series().entrySet()) {
            long sum = 0;
            for (long c : series.getValue()) {
                sum += c;
            }
            switch (series.getKey()) {
                case EventAnalytics.MISSING -> missing += sum;
                case EventAnalytics.OTHER -> others += sum;
                default -> values.add(new KeyCount(series.getKey(), sum));
            }
        }
        values.sort(Comparator.comparingLong(KeyCount::count).reversed().thenComparing(KeyCount::key));
        return breakdown(title, field, new TopValues(values, others, missing), false);
    }

    /** The Lucene filter of one series: its value, no value ({@code MISSING}) or none of the listed ({@code OTHER}). */
    static String filterOf(String field, String seriesName, List<String> listed) {
        return switch (seriesName) {
            case EventAnalytics.ALL -> "";
            case EventAnalytics.MISSING -> Lucene.term(field, null);
            case EventAnalytics.OTHER -> listed.isEmpty() ? "" : "NOT " + Lucene.anyOf(field, listed);
            default -> Lucene.term(field, seriesName);
        };
    }

    static double[] toDoubles(long[] counts) {
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

    private static boolean isRest(String name) {
        return EventAnalytics.MISSING.equals(name) || EventAnalytics.OTHER.equals(name);
    }

    private static List<String> listed(Map<String, long[]> series) {
        return series.keySet().stream().filter(n -> !isRest(n) && !EventAnalytics.ALL.equals(n)).toList();
    }
}
