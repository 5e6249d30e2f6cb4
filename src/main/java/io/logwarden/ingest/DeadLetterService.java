package io.logwarden.ingest;

import java.time.Instant;

/** Browses the dead-letter indices (ADMIN only). */
public interface DeadLetterService {

    /** Largest page size. */
    int MAX_PAGE = 500;

    /**
     * Dead letters received in {@code [from, to)}, newest first.
     *
     * @param reason  only this reason code, or null/blank for all
     * @param offset  dead letters to skip (offset + limit at most 10,000)
     * @param limit   page size, at most {@link #MAX_PAGE}
     */
    DeadLetterPage find(Instant from, Instant to, String reason, int offset, int limit);
}
