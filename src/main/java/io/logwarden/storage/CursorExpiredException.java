package io.logwarden.storage;

/** The point in time a paged search was reading from has expired or was closed: start the search again. */
public class CursorExpiredException extends RuntimeException {

    public CursorExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
