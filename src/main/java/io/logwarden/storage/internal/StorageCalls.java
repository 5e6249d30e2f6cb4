package io.logwarden.storage.internal;

import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;

/** Runs one Elasticsearch request; an I/O failure becomes a {@link StorageUnavailableException} saying what failed. */
final class StorageCalls {

    /** An Elasticsearch request. */
    interface Call<T> {
        T run() throws IOException;
    }

    private StorageCalls() {
    }

    /**
     * The request's answer.
     *
     * @param failed what the user is told failed, e.g. {@code "Anomaly storage failed"}
     */
    static <T> T call(String failed, Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new StorageUnavailableException(failed + ": " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }
}
