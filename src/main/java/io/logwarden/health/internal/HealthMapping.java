package io.logwarden.health.internal;

import io.logwarden.health.ComponentHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Healthy → UP, degraded → DEGRADED (still answering 200, see application.yml), unhealthy → DOWN. */
final class HealthMapping {

    static final Status DEGRADED = new Status("DEGRADED", "Working, but a threshold is crossed");

    private HealthMapping() {
    }

    static Health toHealth(ComponentHealth component) {
        Health.Builder builder = switch (component.level()) {
            case HEALTHY -> Health.up();
            case DEGRADED -> Health.status(DEGRADED);
            case UNHEALTHY -> Health.down();
        };
        builder.withDetail("summary", component.summary());
        builder.withDetails(component.details());
        return builder.build();
    }
}
