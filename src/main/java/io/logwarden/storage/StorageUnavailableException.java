package io.logwarden.storage;

/** Elasticsearch cannot be used: unreachable, refusing our credentials, or of an incompatible version. */
public class StorageUnavailableException extends RuntimeException {

    private final String action;

    public StorageUnavailableException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    /** What the operator can do about it. */
    public String action() {
        return action;
    }
}
