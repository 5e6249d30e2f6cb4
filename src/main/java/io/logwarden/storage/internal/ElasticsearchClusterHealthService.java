package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import io.logwarden.storage.ClusterHealthService;
import io.logwarden.storage.ClusterStatus;
import java.io.IOException;
import java.time.Duration;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchClusterHealthService implements ClusterHealthService {

    private final ElasticsearchClient client;

    ElasticsearchClusterHealthService(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public ClusterStatus status() {
        long start = System.nanoTime();
        try {
            HealthResponse health = client.cluster().health();
            return new ClusterStatus(true, health.status().jsonValue(), health.numberOfNodes(),
                    Duration.ofNanos(System.nanoTime() - start), null);
        } catch (IOException | RuntimeException e) {
            return new ClusterStatus(false, "unreachable", 0, Duration.ofNanos(System.nanoTime() - start),
                    e.getMessage());
        }
    }
}
