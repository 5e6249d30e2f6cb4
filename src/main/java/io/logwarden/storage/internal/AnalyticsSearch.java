package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ShardStatistics;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.util.Map;

/**
 * Runs the aggregation-only ({@code size: 0}) searches of the analytics adapter and maps Elasticsearch's failures to
 * storage's exceptions: a refused query (HTTP 400) to {@link QueryRejectedException} with Elasticsearch's reason,
 * anything else to {@link StorageUnavailableException}, so no client exception reaches a view.
 */
final class AnalyticsSearch {

    private final ElasticsearchClient client;

    AnalyticsSearch(ElasticsearchClient client) {
        this.client = client;
    }

    /** What came back: the hit count (when asked for, else -1) and the aggregations. */
    record Result(long total, Map<String, Aggregate> aggregations) {
    }

    /**
     * A {@code size: 0} search of the events alias. The shard request cache is asked for explicitly: callers send
     * only absolute, rounded times (no {@code now}), so repeated dashboards hit it on every index that has not
     * changed since.
     */
    Result run(Query query, Map<String, Aggregation> aggregations, boolean countTotal) {
        try {
            SearchResponse<Void> response = client.search(s -> s.index(IndexNames.EVENTS_ALIAS)
                    .ignoreUnavailable(true).allowNoIndices(true).size(0).requestCache(true)
                    .trackTotalHits(t -> t.enabled(countTotal))
                    .query(query).aggregations(aggregations), Void.class);
            failIfPartial(response.shards());
            long total = countTotal && response.hits().total() != null ? response.hits().total().value() : -1;
            return new Result(total, response.aggregations());
        } catch (ElasticsearchException e) {
            throw translate(e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /**
     * Elasticsearch answers 200 with partial results when only some shards fail, e.g. a query that cannot be parsed
     * fails on the shards whose range it reaches while the others skip it. A chart must not show a silently partial
     * count: a parse failure is the query's fault, anything else storage's.
     */
    static void failIfPartial(ShardStatistics shards) {
        if (shards == null || shards.failed().intValue() == 0) {
            return;
        }
        ErrorCause cause = shards.failures().isEmpty() ? null : shards.failures().getFirst().reason();
        while (cause != null && cause.causedBy() != null && cause.reason() == null) {
            cause = cause.causedBy();
        }
        String type = cause == null ? "" : String.valueOf(cause.type());
        if (type.contains("query_shard") || type.contains("parse") || type.contains("illegal_argument")) {
            ErrorCause root = cause;
            while (root.causedBy() != null && root.causedBy().reason() != null) {
                root = root.causedBy();
            }
            throw new QueryRejectedException(root.reason() == null ? "Elasticsearch refused the query"
                    : root.reason(), null);
        }
        throw new StorageUnavailableException(shards.failed() + " of " + shards.total()
                + " shards failed to aggregate the events (" + type + ")", "Check Elasticsearch's health and log.",
                null);
    }

    static RuntimeException translate(ElasticsearchException e) {
        if (e.status() == 400) {
            return new QueryRejectedException(reason(e), e);
        }
        return new StorageUnavailableException("Elasticsearch could not aggregate the events (HTTP " + e.status()
                + ")", "Check Elasticsearch's health and log.", e);
    }

    static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Elasticsearch cannot be reached to aggregate the events: "
                + e.getClass().getSimpleName(), "Check that Elasticsearch is running.", e);
    }

    private static String reason(ElasticsearchException e) {
        var error = e.error();
        if (!error.rootCause().isEmpty() && error.rootCause().getFirst().reason() != null) {
            return error.rootCause().getFirst().reason();
        }
        if (error.causedBy() != null && error.causedBy().reason() != null) {
            return error.causedBy().reason();
        }
        return error.reason() != null ? error.reason() : "Elasticsearch refused the query";
    }
}
