package io.logwarden.storage;

/** Elasticsearch refused a query as invalid (HTTP 400); the message is its reason. */
public class QueryRejectedException extends RuntimeException {

    public QueryRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
