package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import org.elasticsearch.client.ResponseException;

/** Reading HTTP statuses out of the client's exceptions, which differ by endpoint and error body. */
final class ElasticsearchErrors {

    private ElasticsearchErrors() {
    }

    /**
     * Whether Elasticsearch answered 409. A {@code _create} conflict arrives as an {@link ElasticsearchException} or,
     * with elasticsearch-java 8.19's create endpoint, as a low-level {@link ResponseException} inside an IOException.
     */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException ee && ee.status() == 409
                    || t instanceof TransportException te && te.statusCode() == 409
                    || t instanceof ResponseException re && re.getResponse().getStatusLine().getStatusCode() == 409) {
                return true;
            }
        }
        return false;
    }
}
