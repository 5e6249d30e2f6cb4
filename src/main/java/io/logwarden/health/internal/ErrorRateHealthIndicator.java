package io.logwarden.health.internal;

import io.logwarden.health.HealthService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Share of error and critical events over the last hour. */
@Component("errorRate")
class ErrorRateHealthIndicator implements HealthIndicator {

    private final HealthService health;
    private final PublicHealthCache cache;

    ErrorRateHealthIndicator(HealthService health, PublicHealthCache cache) {
        this.health = health;
        this.cache = cache;
    }

    @Override
    public Health health() {
        return HealthMapping.toHealth(cache.get("errorRate", health::errorRate));
    }
}
