package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Counts per time bucket, split into series by the values of one field.
 *
 * @param starts  bucket start times, oldest first, empty buckets included
 * @param series  series name → one count per bucket (same length as {@code starts}); for ratio queries the
 *                counts are the matching events and {@link #totals} holds all events
 * @param totals  series name → all events per bucket; equal to {@code series} for plain counts
 */
public record SeriesHistogram(List<Instant> starts, Map<String, long[]> series, Map<String, long[]> totals) {
}
