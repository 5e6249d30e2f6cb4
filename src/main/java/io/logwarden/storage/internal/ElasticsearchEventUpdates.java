package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.logwarden.storage.EventUpdates;
import io.logwarden.storage.PartialUpdate;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchEventUpdates implements EventUpdates {

    private final ElasticsearchClient client;

    ElasticsearchEventUpdates(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<String> apply(List<PartialUpdate> updates) {
        if (updates.isEmpty()) {
            return List.of();
        }
        List<BulkOperation> operations = updates.stream().map(u -> BulkOperation.of(o -> o.update(up -> up
                .index(u.index()).id(u.id()).action(a -> a.doc(u.fields()))))).toList();
        try {
            BulkResponse response = client.bulk(b -> b.operations(operations));
            if (!response.errors()) {
                return List.of();
            }
            return response.items().stream().filter(i -> i.error() != null)
                    .map(i -> i.index() + "/" + i.id() + ": " + i.error().reason()).toList();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void refresh(Collection<String> indices) {
        if (indices.isEmpty()) {
            return;
        }
        try {
            client.indices().refresh(r -> r.index(List.copyOf(indices)).ignoreUnavailable(true).allowNoIndices(true));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Elasticsearch bulk update failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }
}
