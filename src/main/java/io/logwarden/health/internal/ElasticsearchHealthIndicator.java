package io.logwarden.health.internal;

import io.logwarden.health.HealthService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Elasticsearch: cluster status and the time of a probe query. */
@Component("elasticsearch")
class ElasticsearchHealthIndicator implements HealthIndicator {

    private final HealthService health;
    private final PublicHealthCache cache;

    ElasticsearchHealthIndicator(HealthService health, PublicHealthCache cache) {
        this.health = health;
        this.cache = cache;
    }

    @Override
    public Health health() {
        return HealthMapping.toHealth(cache.get("elasticsearch", health::elasticsearch));
    }
}
