package io.logwarden.storage.internal.embedded;

/** The embedded Elasticsearch could not be prepared or started; the message says why and what to do. */
public class EmbeddedElasticsearchException extends RuntimeException {

    public EmbeddedElasticsearchException(String message) {
        super(message);
    }

    public EmbeddedElasticsearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
