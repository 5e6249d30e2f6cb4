package io.logwarden.storage;

import java.util.List;

/** Indices and node resources of the cluster, for the System view. */
public interface StorageStatistics {

    /** Logwarden's indices (daily families and {@code .logwarden-*}), by name. */
    List<IndexInfo> indices();

    List<NodeResources> nodes();
}
