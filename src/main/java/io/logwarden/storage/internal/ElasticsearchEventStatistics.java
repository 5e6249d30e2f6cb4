package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.logwarden.storage.CountBucket;
import io.logwarden.storage.EventStatistics;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchEventStatistics implements EventStatistics {

    private static final String BUCKETS = "over_time";

    private final ElasticsearchClient client;

    ElasticsearchEventStatistics(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<CountBucket> eventsOverTime(Instant from, Instant to, Duration interval) {
        try {
            SearchResponse<Void> response = client.search(s -> s
                    .index(IndexNames.EVENTS_ALIAS)
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .size(0)
                    .trackTotalHits(t -> t.enabled(false))
                    .query(q -> q.range(r -> r.date(d -> d.field("@timestamp")
                            .gte(from.toString()).lt(to.toString()))))
                    .aggregations(BUCKETS, a -> a.dateHistogram(h -> h
                            .field("@timestamp")
                            .fixedInterval(f -> f.time(interval.toSeconds() + "s"))
                            .minDocCount(0)
                            .extendedBounds(b -> b.min(co.elastic.clients.elasticsearch._types.aggregations
                                            .FieldDateMath.of(m -> m.value((double) from.toEpochMilli())))
                                    .max(co.elastic.clients.elasticsearch._types.aggregations
                                            .FieldDateMath.of(m -> m.value((double) to.minusMillis(1).toEpochMilli())))))),
                    Void.class);
            List<DateHistogramBucket> buckets = response.aggregations().get(BUCKETS).dateHistogram().buckets().array();
            return buckets.stream()
                    .map(b -> new CountBucket(Instant.ofEpochMilli(b.key()), b.docCount()))
                    .toList();
        } catch (IOException e) {
            throw new StorageUnavailableException("Counting events failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }
}
