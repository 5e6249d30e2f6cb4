package io.logwarden.storage;

import java.util.Map;

/**
 * What the {@code job.*} events of one job name in a range add up to, counted by Elasticsearch.
 *
 * @param jobName         {@code job.name}
 * @param runs            distinct {@code job.id}s (exact up to 40,000 runs per name, approximate beyond)
 * @param statesCount     {@code job.state} → events with it (a run has one terminal event, so terminal states
 *                        count runs)
 * @param durations       events with a {@code job.state} of the "finished" states asked for and an
 *                        {@code event.duration}
 * @param percentilesNs   the percentiles asked for of those durations, in nanoseconds ({@code NaN} when none)
 * @param maxDurationNs   the longest of those durations ({@code NaN} when none)
 */
public record JobNameCounts(String jobName, long runs, Map<String, Long> statesCount, long durations,
                            double[] percentilesNs, double maxDurationNs) {
}
