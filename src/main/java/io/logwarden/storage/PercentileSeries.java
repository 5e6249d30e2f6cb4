package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Percentiles of a numeric field per time bucket, split into groups by the values of one field.
 *
 * @param starts   bucket start times, oldest first
 * @param percents the percentiles asked for, e.g. 50, 95, 99
 * @param groups   group name → one row per bucket, each row one value per percent ({@code NaN} for an empty
 *                 bucket)
 */
public record PercentileSeries(List<Instant> starts, double[] percents, Map<String, double[][]> groups) {
}
