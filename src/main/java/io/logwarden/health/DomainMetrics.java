package io.logwarden.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Logwarden's own domain metrics for {@code /actuator/prometheus}. Features record through this bean (search
 * latency) or register their own meters under {@code logwarden.*}; the health components are published as
 * {@code logwarden_health_status{component=...}} (0 healthy, 1 degraded, 2 unhealthy), re-evaluated at most every
 * {@link #HEALTH_REFRESH} so a scrape does not hammer Elasticsearch.
 */
@Component
public class DomainMetrics implements SmartInitializingSingleton {

    /** Timer of user searches, tagged {@code outcome} (success, error). */
    public static final String SEARCH_LATENCY = "logwarden.search.latency";
    public static final String HEALTH_STATUS = "logwarden.health.status";
    static final Duration HEALTH_REFRESH = Duration.ofSeconds(15);
    private static final List<String> COMPONENTS = List.of("elasticsearch", "ingest", "errorRate", "activity");

    private final MeterRegistry registry;
    private final HealthService health;
    private final Map<String, Integer> levels = new ConcurrentHashMap<>();
    private volatile Instant evaluated = Instant.EPOCH;

    public DomainMetrics(MeterRegistry registry, HealthService health) {
        this.registry = registry;
        this.health = health;
    }

    /** Records one search: how long it took and whether it answered. */
    public void recordSearch(Duration took, boolean success) {
        Timer.builder(SEARCH_LATENCY).description("Time to answer a user's search")
                .tag("outcome", success ? "success" : "error")
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String component : COMPONENTS) {
            Gauge.builder(HEALTH_STATUS, () -> level(component))
                    .description("Health of a Logwarden component: 0 healthy, 1 degraded, 2 unhealthy")
                    .tag("component", component)
                    .register(registry);
        }
    }

    private double level(String component) {
        if (Instant.now().isAfter(evaluated.plus(HEALTH_REFRESH))) {
            synchronized (this) {
                if (Instant.now().isAfter(evaluated.plus(HEALTH_REFRESH))) {
                    health.components().forEach(c -> levels.put(c.name(), c.level().ordinal()));
                    evaluated = Instant.now();
                }
            }
        }
        return levels.getOrDefault(component, HealthLevel.UNHEALTHY.ordinal());
    }
}
