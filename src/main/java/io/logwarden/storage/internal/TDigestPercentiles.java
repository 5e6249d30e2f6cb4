package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.TDigestExecutionHint;
import java.util.List;

/**
 * A {@code percentiles} aggregation (t-digest, compression 100) whose execution hint is sent explicitly. Left out,
 * Elasticsearch 8.19 fills it in on the parsed request while a shard builds its aggregator, and the shards of one
 * search share that parsed request: a shard whose cache key is computed after another shard built its percentiles
 * keys on {@code "execution_hint": "DEFAULT"}, one computed before keys on no hint. The same search then keys a daily
 * index differently from one run to the next (whether an earlier index was answered from its cache decides it), and
 * misses the shard request cache it should hit (decision 075).
 */
final class TDigestPercentiles {

    private TDigestPercentiles() {
    }

    static Aggregation of(String field, List<Double> percents) {
        return Aggregation.of(a -> a.percentiles(p -> p.field(field).percents(percents).keyed(false)
                .tdigest(t -> t.executionHint(TDigestExecutionHint.Default))));
    }
}
