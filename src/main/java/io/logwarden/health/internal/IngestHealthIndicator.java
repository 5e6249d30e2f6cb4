package io.logwarden.health.internal;

import io.logwarden.health.HealthService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ingest: journal lag and time since the last received event. */
@Component("ingest")
class IngestHealthIndicator implements HealthIndicator {

    private final HealthService health;
    private final PublicHealthCache cache;

    IngestHealthIndicator(HealthService health, PublicHealthCache cache) {
        this.health = health;
        this.cache = cache;
    }

    @Override
    public Health health() {
        return HealthMapping.toHealth(cache.get("ingest", health::ingest));
    }
}
