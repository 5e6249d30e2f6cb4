package io.logwarden.ingest;

import java.util.Map;

/**
 * A snapshot of ingestion for the admin status panel.
 *
 * @param journalBytes      journal size on disk
 * @param journalLagBytes   journal bytes not yet confirmed by Elasticsearch
 * @param journalMaxBytes   the journal's size cap
 * @param received          input lines received since start (all inputs)
 * @param journaled         events appended to the journal since start
 * @param indexed           events Elasticsearch confirmed since start
 * @param deadLettered      lines or documents written to the dead-letter index since start
 * @param rejectedByReason  refused input lines since start, by reason code
 * @param shipperError      the shipper's current temporary failure (Elasticsearch down, read-only...), or null
 * @param tcpConnections    open TCP input connections
 */
public record IngestStatus(long journalBytes, long journalLagBytes, long journalMaxBytes, long received,
                           long journaled, long indexed, long deadLettered, Map<String, Long> rejectedByReason,
                           String shipperError, int tcpConnections) {
}
