package io.logwarden.audit.internal;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The {@code auditTrail} health component: DOWN while audit records have failed to be written for a minute. */
@Component("auditTrail")
class AuditTrailHealthIndicator implements HealthIndicator {

    static final Duration FAILING_FOR = Duration.ofMinutes(1);

    private final AuditWriter writer;

    AuditTrailHealthIndicator(AuditWriter writer) {
        this.writer = writer;
    }

    @Override
    public Health health() {
        Instant failingSince = writer.failingSince();
        Health.Builder health = failingSince != null && failingSince.plus(FAILING_FOR).isBefore(Instant.now())
                ? Health.down().withDetail("failingSince", failingSince.toString())
                .withDetail("lastError", String.valueOf(writer.lastError()))
                : Health.up();
        return health.withDetail("pending", writer.pending()).build();
    }
}
