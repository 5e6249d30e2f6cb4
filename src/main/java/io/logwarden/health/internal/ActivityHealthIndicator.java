package io.logwarden.health.internal;

import io.logwarden.health.HealthService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Events received recently. */
@Component("activity")
class ActivityHealthIndicator implements HealthIndicator {

    private final HealthService health;
    private final PublicHealthCache cache;

    ActivityHealthIndicator(HealthService health, PublicHealthCache cache) {
        this.health = health;
        this.cache = cache;
    }

    @Override
    public Health health() {
        return HealthMapping.toHealth(cache.get("activity", health::activity));
    }
}
