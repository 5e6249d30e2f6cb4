package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Bytes;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.logwarden.storage.DailyIndex;
import io.logwarden.storage.IndexLifecycle;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchIndexLifecycle implements IndexLifecycle {

    private final ElasticsearchClient client;

    ElasticsearchIndexLifecycle(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<DailyIndex> dailyIndices(String family) {
        try {
            var records = client.cat().indices(c -> c.index(IndexNames.pattern(family)).bytes(Bytes.Bytes))
                    .valueBody();
            List<DailyIndex> indices = new ArrayList<>();
            for (var r : records) {
                IndexNames.dayOf(family, r.index()).ifPresent(day -> indices.add(new DailyIndex(r.index(), family,
                        day, parse(r.docsCount()), parse(r.storeSize()))));
            }
            indices.sort(Comparator.comparing(DailyIndex::day));
            return indices;
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void delete(String indexName) {
        if (indexName.contains("*") || indexName.contains(",") || indexName.isBlank()) {
            throw new IllegalArgumentException("Refusing to delete by pattern: " + indexName);
        }
        try {
            client.indices().delete(d -> d.index(indexName));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static long parse(String number) {
        try {
            return number == null ? 0 : Long.parseLong(number.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Elasticsearch request failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }
}
