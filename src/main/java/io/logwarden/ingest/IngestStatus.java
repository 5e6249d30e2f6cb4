package io.logwarden.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of ingestion for the admin status panel. Counts are since this instance started; shipping outcomes
 * are counted once per journal position. Once the lag is zero, {@code journaled = indexed + deadLetteredEvents}
 * and the sum of {@code rejectedByReason} equals {@code deadLetteredLines} for what this instance journaled.
 *
 * @param journalBytes        journal size on disk
 * @param journalLagBytes     journal bytes not yet confirmed by Elasticsearch
 * @param journalLagRecords   the lag in journal records (events and dead letters), estimated from the average
 *                            record size
 * @param journalMaxBytes     the journal's size cap
 * @param corruptRecords      journal records skipped because their checksum or length was wrong
 * @param received            input lines received (all inputs; blank keep-alive lines excluded)
 * @param journaled           events appended to the journal
 * @param rejectedByReason    input lines that did not become events (dead-lettered), by reason code
 * @param dropped             input lines read but neither journaled nor dead-lettered (connection cut at shutdown)
 * @param indexed             events Elasticsearch confirmed
 * @param refusedByReason     events Elasticsearch refused (dead-lettered), by its error type
 * @param deadLetteredLines   dead letters of rejected input lines confirmed by Elasticsearch
 * @param deadLetteredEvents  dead letters of refused events confirmed by Elasticsearch
 * @param unreadableRecords   journal records that could not be decoded (dead-lettered as raw bytes)
 * @param deadLetterRefusals  times Elasticsearch refused a dead-letter document (shipping retries those)
 * @param lastEventReceived   when an input last received a line, or null when none since start
 * @param bulkRequests        bulk requests answered
 * @param bulkLatencyMeanMillis mean bulk round trip
 * @param bulkLatencyMaxMillis  longest recent bulk round trip
 * @param bulkRetries         temporary failures followed by a replay
 * @param journalFullEvents   times an input waited or was refused because the journal was full
 * @param shipperError        the shipper's current temporary failure (Elasticsearch down, read-only...), or null
 * @param tcpConnections      open TCP input connections
 */
public record IngestStatus(long journalBytes, long journalLagBytes, long journalLagRecords, long journalMaxBytes,
                           long corruptRecords, long received, long journaled, Map<String, Long> rejectedByReason,
                           long dropped, long indexed, Map<String, Long> refusedByReason, long deadLetteredLines,
                           long deadLetteredEvents, long unreadableRecords, long deadLetterRefusals,
                           Instant lastEventReceived, long bulkRequests, double bulkLatencyMeanMillis,
                           double bulkLatencyMaxMillis, long bulkRetries, long journalFullEvents,
                           String shipperError, int tcpConnections) {

    public IngestStatus {
        rejectedByReason = Map.copyOf(rejectedByReason);
        refusedByReason = Map.copyOf(refusedByReason);
    }

    /** Input lines that did not become events, all reasons. */
    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events Elasticsearch refused, all reasons. */
    public long refused() {
        return refusedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
