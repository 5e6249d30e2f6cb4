package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.AnomalyRecords;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchAnomalyRecords implements AnomalyRecords {

    @SuppressWarnings("rawtypes")
    private static final Class<Map> MAP = Map.class;

    private final ElasticsearchClient client;

    ElasticsearchAnomalyRecords(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public void save(List<Map<String, Object>> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<BulkOperation> ops = new ArrayList<>();
        for (Map<String, Object> doc : documents) {
            String id = String.valueOf(doc.get("id"));
            Instant at = Instant.parse(String.valueOf(doc.get("@timestamp")));
            ops.add(BulkOperation.of(o -> o.index(i -> i.index(IndexNames.daily(IndexNames.ANOMALIES, at))
                    .id(id).document(doc))));
        }
        BulkResponse response = call(() -> client.bulk(b -> b.operations(ops).refresh(Refresh.WaitFor)));
        if (response.errors()) {
            String reason = response.items().stream().filter(i -> i.error() != null)
                    .map(i -> i.id() + ": " + i.error().reason()).findFirst().orElse("unknown");
            throw new StorageUnavailableException("Writing anomalies failed: " + reason,
                    "Check the logwarden-anomalies index template.", null);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> search(Instant from, Instant to, double minScore, int max) {
        SearchResponse<Map> response = call(() -> client.search(s -> s
                .index(IndexNames.pattern(IndexNames.ANOMALIES))
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(max)
                .query(q -> q.bool(b -> b
                        .filter(f -> f.range(r -> r.date(d -> d.field("@timestamp")
                                .gte(from.toString()).lt(to.toString()))))
                        .filter(f -> f.range(r -> r.number(n -> n.field("score").gte(minScore))))))
                .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("score").order(SortOrder.Desc))), MAP));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            out.add(new LinkedHashMap<>((Map<String, Object>) hit.source()));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> find(String id) {
        return hit(id).map(h -> new LinkedHashMap<>((Map<String, Object>) h.source()));
    }

    @Override
    public boolean setFeedback(String id, String feedback) {
        Optional<Hit<Map>> hit = hit(id);
        if (hit.isEmpty()) {
            return false;
        }
        call(() -> client.update(u -> u.index(hit.get().index()).id(id).doc(Map.of("feedback", feedback))
                .refresh(Refresh.WaitFor), MAP));
        return true;
    }

    private Optional<Hit<Map>> hit(String id) {
        SearchResponse<Map> response = call(() -> client.search(s -> s
                .index(IndexNames.pattern(IndexNames.ANOMALIES))
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(1)
                .query(q -> q.ids(i -> i.values(id))), MAP));
        return response.hits().hits().stream().findFirst();
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new StorageUnavailableException("Anomaly storage failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }
}
