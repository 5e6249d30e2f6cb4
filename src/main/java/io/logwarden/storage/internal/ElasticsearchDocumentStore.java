package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchDocumentStore implements DocumentStore {

    private final ElasticsearchClient client;

    ElasticsearchDocumentStore(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public <T> void save(String index, String id, T document) {
        call(() -> client.index(i -> i.index(index).id(id).document(document).refresh(Refresh.WaitFor)));
    }

    @Override
    public <T> void saveWithoutRefresh(String index, String id, T document) {
        call(() -> client.index(i -> i.index(index).id(id).document(document)));
    }

    @Override
    public <T> boolean create(String index, String id, T document) {
        try {
            client.create(c -> c.index(index).id(id).document(document).refresh(Refresh.WaitFor));
            return true;
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            if (ElasticsearchErrors.isConflict(e)) {
                return false;
            }
            throw unavailable(e);
        }
    }

    @Override
    public <T> Optional<T> find(String index, String id, Class<T> type) {
        GetResponse<T> response = call(() -> {
            try {
                return client.get(g -> g.index(index).id(id), type);
            } catch (ElasticsearchException e) {
                if (e.status() == 404) {
                    return null;
                }
                throw e;
            }
        });
        return response == null || !response.found() ? Optional.empty() : Optional.ofNullable(response.source());
    }

    @Override
    public <T> List<T> findAll(String index, Class<T> type, int max) {
        var response = call(() -> client.search(s -> s.index(index).ignoreUnavailable(true).allowNoIndices(true)
                .size(max), type));
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
    }

    @Override
    public void delete(String index, String id) {
        call(() -> client.delete(d -> d.index(index).id(id).refresh(Refresh.WaitFor)));
    }

    private interface Call<R> {
        R run() throws IOException;
    }

    private static <R> R call(Call<R> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Elasticsearch request failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }
}
