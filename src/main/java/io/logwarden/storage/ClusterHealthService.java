package io.logwarden.storage;

/** Asks Elasticsearch for its health. */
public interface ClusterHealthService {

    ClusterStatus status();
}
