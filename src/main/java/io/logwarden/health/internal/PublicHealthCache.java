package io.logwarden.health.internal;

import io.logwarden.health.ComponentHealth;
import io.logwarden.health.HealthProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Reuses each component's evaluation for anonymous callers of {@code /actuator/health} for
 * {@code logwarden.health.public-cache-ttl}: they only see the overall status, and a load balancer probing every
 * second should not cost five Elasticsearch requests each time. Authenticated callers (admins reading the details)
 * always get a fresh evaluation. Spring Boot's own endpoint cache is not used because it caches authenticated
 * answers too.
 */
@Component
class PublicHealthCache {

    private record Entry(ComponentHealth health, long evaluatedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    PublicHealthCache(HealthProperties properties) {
        this.ttlNanos = Math.max(0, properties.publicCacheTtl().toNanos());
    }

    ComponentHealth get(String component, Supplier<ComponentHealth> evaluate) {
        if (ttlNanos == 0 || !anonymous()) {
            return evaluate.get();
        }
        return entries.compute(component, (name, cached) -> cached != null
                && System.nanoTime() - cached.evaluatedAt() < ttlNanos ? cached
                : new Entry(evaluate.get(), System.nanoTime())).health();
    }

    private static boolean anonymous() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated();
    }
}
