package io.logwarden.storage;

import java.time.Instant;

/** Number of documents in the time bucket starting at {@code start}. */
public record CountBucket(Instant start, long count) {
}
