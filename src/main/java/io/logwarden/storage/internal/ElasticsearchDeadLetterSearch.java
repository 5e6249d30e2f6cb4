package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.logwarden.storage.DeadLetterSearch;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

@Service
@SuppressWarnings({"unchecked", "rawtypes"})
class ElasticsearchDeadLetterSearch implements DeadLetterSearch {

    private static final String REASONS = "reasons";

    private final ElasticsearchClient client;

    ElasticsearchDeadLetterSearch(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public DeadLetterHits find(Instant from, Instant to, String reason, int offset, int limit) {
        try {
            SearchResponse<Map> response = client.search(s -> {
                s.index(IndexNames.pattern(IndexNames.DEAD_LETTER)).ignoreUnavailable(true).allowNoIndices(true)
                        .query(q -> q.range(r -> r.date(d -> d.field("@timestamp")
                                .gte(from.toString()).lt(to.toString()))))
                        .aggregations(REASONS, a -> a.terms(t -> t.field("reason").size(200)))
                        .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("_doc").order(SortOrder.Asc))) // stable pages within a time
                        .trackTotalHits(t -> t.enabled(true))
                        .from(offset).size(limit);
                if (reason != null) {
                    // a post filter: the reason counts stay over the whole range
                    s.postFilter(p -> p.term(t -> t.field("reason").value(reason)));
                }
                return s;
            }, Map.class);
            List<StoredDeadLetter> hits = response.hits().hits().stream()
                    .map(h -> new StoredDeadLetter(h.id(), h.index(), (Map<String, Object>) h.source())).toList();
            Map<String, Long> reasons = new LinkedHashMap<>();
            var aggregate = response.aggregations().get(REASONS);
            if (aggregate != null && aggregate.isSterms()) {
                for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
                    reasons.put(bucket.key().stringValue(), bucket.docCount());
                }
            }
            long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
            return new DeadLetterHits(total, hits, reasons);
        } catch (IOException e) {
            throw new StorageUnavailableException("Dead-letter search failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }
}
