package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.AuditTrailStore;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

@Service
@SuppressWarnings({"unchecked", "rawtypes"})
class ElasticsearchAuditTrailStore implements AuditTrailStore {

    private static final int PAGE = 500;

    private final ElasticsearchClient client;

    ElasticsearchAuditTrailStore(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public boolean create(String index, String id, Map<String, Object> record) {
        try {
            client.create(c -> c.index(index).id(id).document(record));
            return true;
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            if (ElasticsearchErrors.isConflict(e)) {
                return false; // e.g. the daily index was being created by the other writer at the same moment
            }
            throw unavailable(e);
        }
    }

    @Override
    public Optional<Map<String, Object>> get(String index, String id) {
        try {
            var response = client.get(g -> g.index(index).id(id).realtime(true), Map.class);
            return response.found() ? Optional.ofNullable((Map<String, Object>) response.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public OptionalLong highestSequence(String index) {
        try {
            SearchResponse<Void> response = client.search(s -> s.index(index).ignoreUnavailable(true)
                    .allowNoIndices(true).size(0)
                    .aggregations("max", a -> a.max(m -> m.field("chain.sequence"))), Void.class);
            var aggregate = response.aggregations().get("max");
            if (aggregate == null) {
                return OptionalLong.empty(); // no index for that day yet
            }
            double value = aggregate.max().value();
            return Double.isInfinite(value) || Double.isNaN(value) || value < 1
                    ? OptionalLong.empty() : OptionalLong.of((long) value);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void forEachInSequence(String index, Consumer<StoredRecord> consumer) {
        try {
            if (!client.indices().exists(e -> e.index(index)).value()) {
                return;
            }
            client.indices().refresh(r -> r.index(index));
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> searchAfter = after;
                SearchResponse<Map> response = client.search(s -> {
                    s.index(index).size(PAGE).trackTotalHits(t -> t.enabled(false))
                            .sort(o -> o.field(f -> f.field("chain.sequence").order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("_doc").order(SortOrder.Asc)));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, Map.class);
                List<Hit<Map>> hits = response.hits().hits();
                for (Hit<Map> hit : hits) {
                    consumer.accept(new StoredRecord(hit.id(), (Map<String, Object>) hit.source()));
                }
                if (hits.size() < PAGE) {
                    return;
                }
                after = hits.getLast().sort();
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Audit trail request failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }
}
