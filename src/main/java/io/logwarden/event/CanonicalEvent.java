package io.logwarden.event;

import java.time.Instant;
import java.util.List;

/**
 * One event in Logwarden's ECS-aligned schema, ready to be journaled and indexed.
 *
 * @param timestamp the event's {@code @timestamp} (receive time when the input had none or an absurd one)
 * @param ingested  when Logwarden received it ({@code event.ingested})
 * @param json      the document as UTF-8 JSON, nested ECS objects
 * @param flags     data-quality flags also written to {@code tags} (e.g. {@link #TIMESTAMP_MISSING})
 */
public record CanonicalEvent(Instant timestamp, Instant ingested, byte[] json, List<String> flags) {

    /** The input had no {@code @timestamp}; receive time used. */
    public static final String TIMESTAMP_MISSING = "_timestamp_missing";
    /** The input's timestamp could not be parsed; receive time used, original kept in labels. */
    public static final String TIMESTAMP_INVALID = "_timestamp_invalid";
    /** The input's timestamp was too far in the past or future; receive time used, original kept in labels. */
    public static final String TIMESTAMP_OUT_OF_RANGE = "_timestamp_out_of_range";
    /** A known field had a type that could not be coerced; the value went to labels. */
    public static final String FIELD_TYPE_MISMATCH = "_field_type_mismatch";

    public CanonicalEvent {
        flags = List.copyOf(flags);
    }
}
