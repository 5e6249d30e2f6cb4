package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.logwarden.storage.AnomalyBaselines;
import io.logwarden.storage.StorageUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchAnomalyBaselines implements AnomalyBaselines {

    private static final String FAILED = "Anomaly baseline storage failed";

    /** Documents per multi-get. */
    private static final int PER_GET = 16;
    /** Bytes of state per bulk request, well below Elasticsearch's default http.max_content_length (100 MB). */
    private static final long BULK_BYTES = 16L << 20;

    private final ElasticsearchClient client;

    ElasticsearchAnomalyBaselines(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public void save(Map<String, Map<String, Object>> documents) {
        List<BulkOperation> ops = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, Map<String, Object>> e : documents.entrySet()) {
            long size = size(e.getValue());
            if (!ops.isEmpty() && bytes + size > BULK_BYTES) {
                bulk(ops);
                ops = new ArrayList<>();
                bytes = 0;
            }
            ops.add(BulkOperation.of(o -> o.index(x -> x.index(INDEX).id(e.getKey()).document(e.getValue()))));
            bytes += size;
        }
        if (!ops.isEmpty()) {
            bulk(ops);
        }
    }

    private void bulk(List<BulkOperation> ops) {
        BulkResponse response = call(() -> client.bulk(b -> b.operations(ops)));
        if (response.errors()) {
            String reason = response.items().stream().filter(x -> x.error() != null)
                    .map(x -> x.id() + ": " + x.error().reason()).findFirst().orElse("unknown");
            throw new StorageUnavailableException("Saving anomaly baselines failed: " + reason,
                    "Check the .logwarden-anomaly-baselines index and Elasticsearch's http.max_content_length.",
                    null);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, Map<String, Object>> load(List<String> ids) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (ids.isEmpty() || !exists()) {
            return out;
        }
        for (int i = 0; i < ids.size(); i += PER_GET) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + PER_GET));
            MgetResponse<Map> response = call(() -> client.mget(m -> m.index(INDEX).ids(batch), Map.class));
            for (MultiGetResponseItem<Map> item : response.docs()) {
                if (item.isResult() && item.result().found() && item.result().source() != null) {
                    out.put(item.result().id(), (Map<String, Object>) item.result().source());
                }
            }
        }
        return out;
    }

    /** Approximate JSON size of a document: its strings and a little for everything else. */
    private static long size(Object value) {
        return switch (value) {
            case String text -> text.length() + 2;
            case Map<?, ?> map -> map.entrySet().stream().mapToLong(e -> size(e.getKey()) + size(e.getValue())).sum();
            case Iterable<?> list -> {
                long n = 0;
                for (Object o : list) {
                    n += size(o);
                }
                yield n;
            }
            case null -> 4;
            default -> 24;
        };
    }

    private boolean exists() {
        return call(() -> client.indices().exists(e -> e.index(INDEX)).value());
    }

    private static <T> T call(StorageCalls.Call<T> request) {
        return StorageCalls.call(FAILED, request);
    }
}
