package io.logwarden.storage;

import java.util.List;

/** Lists and deletes whole daily indices: the only way Logwarden removes old data. */
public interface IndexLifecycle {

    /** The daily indices of {@code family} (names that parse as {@code <family>-YYYY.MM.DD}), oldest first. */
    List<DailyIndex> dailyIndices(String family);

    /** Deletes one index by its exact name (wildcards are refused); harmless when it is already gone. */
    void delete(String indexName);
}
