package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to an {@link OverviewRequest}.
 *
 * @param starts    bucket starts of the volume and error-rate histograms
 * @param totals    all matching events per bucket
 * @param total     all matching events
 * @param splits    split field → events per value and bucket; events of the values not listed and events without
 *                  the field form the series {@link EventAnalytics#MISSING} (only events without it) or
 *                  {@link EventAnalytics#OTHER} (other values, possibly some without it)
 * @param errors    errors ({@link SeriesHistogram#series}) and all events ({@link SeriesHistogram#totals}) per series
 *                  of the error request's split, null when none was asked
 * @param durations the percentiles asked for, null when none were asked
 * @param tops      top field → its most frequent values
 */
public record OverviewData(List<Instant> starts, long[] totals, long total, Map<String, SeriesHistogram> splits,
                           SeriesHistogram errors, PercentileSeries durations, Map<String, TopValues> tops) {
}
