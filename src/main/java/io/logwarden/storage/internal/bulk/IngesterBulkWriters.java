package io.logwarden.storage.internal.bulk;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.instrumentation.NoopInstrumentation;
import co.elastic.clients.transport.rest_client.RestClientHttpClient;
import io.logwarden.storage.EventBulkWriter;
import io.logwarden.storage.EventBulkWriters;
import org.elasticsearch.client.RestClient;
import org.springframework.stereotype.Component;

/** Opens bulk writers over a dedicated client whose transport sends each body as one buffer. */
@Component
public class IngesterBulkWriters implements EventBulkWriters {

    private final ElasticsearchClient client;

    public IngesterBulkWriters(RestClient restClient) {
        this.client = singleBufferClient(restClient);
    }

    /** A client over {@code restClient} that coalesces request bodies (see {@link SingleBufferHttpClient}). */
    public static ElasticsearchClient singleBufferClient(RestClient restClient) {
        SingleBufferHttpClient http = new SingleBufferHttpClient(new RestClientHttpClient(restClient));
        // No tracing span per bulk request: the default instrumentation (OpenTelemetry when its API is on the
        // class path) cost CPU on every request of the shipping path and traced nothing anyone reads.
        return new ElasticsearchClient(new ElasticsearchTransportBase(http, null, new JacksonJsonpMapper(),
                NoopInstrumentation.INSTANCE) {
        });
    }

    @Override
    public EventBulkWriter open(EventBulkWriter.Settings settings, EventBulkWriter.Listener listener) {
        return new IngesterBulkWriter(client, settings, listener);
    }
}
