package io.logwarden.storage;

import java.util.List;

/** Bulk partial updates of existing documents (no scripts: the new values are computed by the caller). */
public interface EventUpdates {

    /**
     * Applies the updates in one bulk request and waits until they are visible to searches.
     *
     * @return the updates Elasticsearch refused, with its reason, empty when all were applied
     */
    List<String> apply(List<PartialUpdate> updates);
}
