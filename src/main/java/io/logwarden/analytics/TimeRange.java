package io.logwarden.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a chart shows: a time range and an optional Lucene query (blank for all events in the user's scope).
 *
 * @param from  start (inclusive)
 * @param to    end (exclusive)
 * @param query Lucene query syntax, may be blank
 */
public record TimeRange(Instant from, Instant to, String query) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The range must end after it starts: " + from + " .. " + to);
        }
        query = query == null ? "" : query.strip();
    }

    /** The last {@code length} up to {@code now}. */
    public static TimeRange last(Duration length, Instant now, String query) {
        return new TimeRange(now.minus(length), now, query);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The range of the same length just before this one. */
    public TimeRange previous() {
        return new TimeRange(from.minus(length()), from, query);
    }
}
