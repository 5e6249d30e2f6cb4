package io.logwarden.health;

import io.logwarden.security.Roles;
import io.logwarden.storage.IndexInfo;
import io.logwarden.storage.NodeResources;
import io.logwarden.storage.StorageStatistics;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** What the System view shows: health components, indices, Elasticsearch nodes' disk and heap, this JVM's heap. */
@Service
@PreAuthorize("hasRole('" + Roles.ADMIN + "')")
public class SystemService {

    private final HealthService health;
    private final StorageStatistics storage;

    public SystemService(HealthService health, StorageStatistics storage) {
        this.health = health;
        this.storage = storage;
    }

    public List<ComponentHealth> health() {
        return health.components();
    }

    public List<IndexInfo> indices() {
        return storage.indices();
    }

    public List<NodeResources> elasticsearchNodes() {
        return storage.nodes();
    }

    /** Heap of the Logwarden JVM: used and maximum bytes. */
    public long[] applicationHeap() {
        Runtime runtime = Runtime.getRuntime();
        return new long[] {runtime.totalMemory() - runtime.freeMemory(), runtime.maxMemory()};
    }
}
