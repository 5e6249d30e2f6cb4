package io.logwarden.testsupport;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Index housekeeping for tests that need a fresh index, also when the test Elasticsearch outlives a run (ES_URL). */
public final class TestIndices {

    private TestIndices() {
    }

    public static void deleteIfExists(ElasticsearchClient client, String index) {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                client.indices().delete(d -> d.index(index));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
