package io.logwarden.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Aggregate counts over the event indices. */
public interface EventStatistics {

    /** Events per {@code interval} in [{@code from}, {@code to}), empty buckets included, oldest first. */
    List<CountBucket> eventsOverTime(Instant from, Instant to, Duration interval);
}
