package io.logwarden.storage;

import java.util.Collection;
import java.util.List;

/** Bulk partial updates of existing documents (no scripts: the new values are computed by the caller). */
public interface EventUpdates {

    /**
     * Applies the updates in one bulk request. They become visible to searches at the indices' next refresh (call
     * {@link #refresh} once after the last batch instead of waiting on every batch).
     *
     * @return the updates Elasticsearch refused, with its reason, empty when all were applied
     */
    List<String> apply(List<PartialUpdate> updates);

    /** Makes every change so far visible to searches of these indices (names or patterns). */
    void refresh(Collection<String> indices);
}
