package io.logwarden.health.internal;

import io.logwarden.health.HealthService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Events received recently. */
@Component("activity")
class ActivityHealthIndicator implements HealthIndicator {

    private final HealthService health;

    ActivityHealthIndicator(HealthService health) {
        this.health = health;
    }

    @Override
    public Health health() {
        return HealthMapping.toHealth(health.activity());
    }
}
