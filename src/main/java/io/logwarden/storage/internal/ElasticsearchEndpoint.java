package io.logwarden.storage.internal;

import io.logwarden.storage.internal.embedded.EmbeddedElasticsearch;
import java.net.URI;

/** The cluster Logwarden talks to, and the embedded node behind it when there is one (stopped on close). */
record ElasticsearchEndpoint(URI url, EmbeddedElasticsearch embeddedNode) implements AutoCloseable {

    @Override
    public void close() {
        if (embeddedNode != null) {
            embeddedNode.close();
        }
    }
}
