package io.logwarden.health.internal;

import io.logwarden.storage.ClusterHealthService;
import io.logwarden.storage.ClusterStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Elasticsearch's cluster status: green and yellow are up, red or unreachable are down. */
@Component("elasticsearch")
class ElasticsearchHealthIndicator implements HealthIndicator {

    private final ClusterHealthService cluster;

    ElasticsearchHealthIndicator(ClusterHealthService cluster) {
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        ClusterStatus status = cluster.status();
        Health.Builder builder = status.reachable() && !"red".equals(status.status()) ? Health.up() : Health.down();
        builder.withDetail("status", status.status())
                .withDetail("nodes", status.nodes())
                .withDetail("responseTimeMs", status.responseTime().toMillis());
        if (status.error() != null) {
            builder.withDetail("error", status.error());
        }
        return builder.build();
    }
}
