package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.logwarden.storage.AnomalyBaselines;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchAnomalyBaselines implements AnomalyBaselines {

    /** Documents per bulk request: chunks are up to a few MB each. */
    private static final int PER_BULK = 8;

    private final ElasticsearchClient client;

    ElasticsearchAnomalyBaselines(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public void save(Map<String, Map<String, Object>> documents) {
        List<Map.Entry<String, Map<String, Object>>> entries = new ArrayList<>(documents.entrySet());
        for (int i = 0; i < entries.size(); i += PER_BULK) {
            List<BulkOperation> ops = new ArrayList<>();
            for (Map.Entry<String, Map<String, Object>> e : entries.subList(i, Math.min(entries.size(), i + PER_BULK))) {
                ops.add(BulkOperation.of(o -> o.index(x -> x.index(INDEX).id(e.getKey()).document(e.getValue()))));
            }
            BulkResponse response = call(() -> client.bulk(b -> b.operations(ops)));
            if (response.errors()) {
                String reason = response.items().stream().filter(x -> x.error() != null)
                        .map(x -> x.id() + ": " + x.error().reason()).findFirst().orElse("unknown");
                throw new StorageUnavailableException("Saving anomaly baselines failed: " + reason,
                        "Check the .logwarden-anomaly-baselines index and Elasticsearch's http.max_content_length.",
                        null);
            }
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, Map<String, Object>> load(List<String> ids) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (ids.isEmpty() || !exists()) {
            return out;
        }
        for (int i = 0; i < ids.size(); i += PER_BULK) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + PER_BULK));
            MgetResponse<Map> response = call(() -> client.mget(m -> m.index(INDEX).ids(batch), Map.class));
            for (MultiGetResponseItem<Map> item : response.docs()) {
                if (item.isResult() && item.result().found() && item.result().source() != null) {
                    out.put(item.result().id(), (Map<String, Object>) item.result().source());
                }
            }
        }
        return out;
    }

    private boolean exists() {
        return call(() -> client.indices().exists(e -> e.index(INDEX)).value());
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new StorageUnavailableException("Anomaly baseline storage failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }
}
