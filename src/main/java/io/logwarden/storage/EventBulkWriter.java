package io.logwarden.storage;

/**
 * Asynchronous bulk indexing of pre-serialised JSON documents. Each document carries a caller-chosen ticket that
 * comes back in exactly one {@link Listener} call. {@link #add} blocks while the configured number of bulk
 * requests is in flight (back-pressure).
 */
public interface EventBulkWriter extends AutoCloseable {

    /** Queues an index operation (create-or-replace by id, so a replay never duplicates). */
    void add(String index, String id, byte[] json, int offset, int length, long ticket);

    /** Sends what is queued now. */
    void flush();

    /** Bulk requests sent and not yet answered, plus queued operations. */
    int pending();

    /** Flushes and waits for outstanding requests. */
    @Override
    void close();

    /** How one document fared. */
    enum Status {
        INDEXED,
        /** Elasticsearch refused this document for good (mapping conflict, oversized field, ...). */
        REJECTED,
        /** A temporary condition (429, 5xx, read-only/blocked index): send again later. */
        RETRY
    }

    /** Result for one ticket; {@code errorType}/{@code errorReason} are Elasticsearch's when not indexed. */
    record Result(long ticket, Status status, String errorType, String errorReason) {
    }

    /** Called on Elasticsearch client threads; must not block or call back into the writer. */
    interface Listener {
        void onResults(java.util.List<Result> results, long latencyNanos);

        /** The whole request failed (connection refused, timeout, ...): every ticket must be sent again. */
        void onRequestFailure(java.util.List<Long> tickets, Throwable error);
    }

    /**
     * Bulk settings.
     *
     * @param maxOperations      documents per request
     * @param maxBytes           bytes per request
     * @param concurrentRequests requests in flight
     * @param flushIntervalMillis a partial request is sent after this long
     */
    record Settings(int maxOperations, long maxBytes, int concurrentRequests, long flushIntervalMillis) {
    }
}
