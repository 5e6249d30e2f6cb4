package io.logwarden.health.internal;

import io.logwarden.health.HealthService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Elasticsearch: cluster status and the time of a probe query. */
@Component("elasticsearch")
class ElasticsearchHealthIndicator implements HealthIndicator {

    private final HealthService health;

    ElasticsearchHealthIndicator(HealthService health) {
        this.health = health;
    }

    @Override
    public Health health() {
        return HealthMapping.toHealth(health.elasticsearch());
    }
}
