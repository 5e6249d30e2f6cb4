package io.logwarden.storage;

/** The point in time of a scan no longer exists (its keep-alive ran out or Elasticsearch restarted). */
public class ScanExpiredException extends RuntimeException {

    public ScanExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
