package io.logwarden.analytics;

import java.time.Instant;

/** Number of events in the bucket starting at {@code start}. */
public record VolumePoint(Instant start, long count) {
}
