package io.logwarden.search;

import java.time.Instant;

/** Matching events in the bucket starting at {@code start}. */
public record HistogramBucket(Instant start, long count) {
}
