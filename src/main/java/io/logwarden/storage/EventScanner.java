package io.logwarden.storage;

import java.time.Duration;
import java.util.Map;

/**
 * Reads every document matching a query at constant memory: a point in time plus {@code search_after}, sorted by
 * {@code @timestamp} with the point in time's {@code _shard_doc} as tiebreaker, so no document is returned twice or
 * skipped even while new events arrive. The caller's {@link ScopeFilter} is applied outside the query.
 *
 * <p>Failures: {@link ScanExpiredException} when the point in time is gone, {@link QueryRejectedException} when
 * Elasticsearch refuses the query (permanent), {@link StorageUnavailableException} when Elasticsearch cannot be
 * reached or is overloaded (temporary: retry from the last position).
 */
public interface EventScanner {

    /** Opens a point in time over the query's indices. */
    ScanCursor open(ScanQuery query, Duration keepAlive);

    /**
     * The page after {@code cursor}, of at most {@code size} hits, extending the point in time by {@code keepAlive}.
     *
     * @throws ScanExpiredException when the point in time is gone
     */
    ScanPage next(ScanQuery query, ScopeFilter scope, ScanCursor cursor, int size, Duration keepAlive);

    /** Releases the point in time; harmless when it is already gone. */
    void close(ScanCursor cursor);

    /** Matching documents per index (an aggregation on {@code _index}), without reading them; sorted by index name. */
    Map<String, Long> countPerIndex(ScanQuery query, ScopeFilter scope);
}
