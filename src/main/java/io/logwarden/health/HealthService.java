package io.logwarden.health;

import io.logwarden.storage.ClusterHealthService;
import io.logwarden.storage.ClusterStatus;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.PeriodCounts;
import io.logwarden.storage.ScopeFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Logwarden's health components: Elasticsearch (status, probe query time), ingest (journal lag, last event
 * received), error rate of the last hour and recent activity; judged against {@link HealthProperties}. System-wide,
 * not scoped to a user: only admins see the details.
 */
@Service
public class HealthService {

    /** Levels counted as errors (as on the dashboard). */
    private static final List<String> ERROR_LEVELS = List.of("error", "critical");

    private final ClusterHealthService cluster;
    private final EventAnalytics events;
    private final ObjectProvider<IngestStatus> ingest;
    private final HealthProperties properties;
    private final Clock clock;

    @Autowired
    public HealthService(ClusterHealthService cluster, EventAnalytics events, ObjectProvider<IngestStatus> ingest,
                         HealthProperties properties, ObjectProvider<Clock> clock) {
        this(cluster, events, ingest, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    /** With its own thresholds and clock (tests judging known data of a past hour). */
    HealthService(ClusterHealthService cluster, EventAnalytics events, ObjectProvider<IngestStatus> ingest,
                  HealthProperties properties, Clock clock) {
        this.cluster = cluster;
        this.events = events;
        this.ingest = ingest;
        this.properties = properties;
        this.clock = clock;
    }

    public List<ComponentHealth> components() {
        return List.of(elasticsearch(), ingest(), errorRate(), activity());
    }

    public ComponentHealth elasticsearch() {
        ClusterStatus status = cluster.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", status.status());
        details.put("nodes", status.nodes());
        details.put("healthResponseMs", status.responseTime().toMillis());
        if (!status.reachable()) {
            details.put("error", status.error());
            return new ComponentHealth("elasticsearch", HealthLevel.UNHEALTHY, "Elasticsearch is unreachable",
                    details);
        }
        long start = System.nanoTime();
        try {
            Instant now = clock.instant();
            events.count(new EventSelection(now.minus(Duration.ofMinutes(5)), now, "", ScopeFilter.UNRESTRICTED));
        } catch (RuntimeException e) {
            details.put("error", e.getMessage());
            return new ComponentHealth("elasticsearch", HealthLevel.UNHEALTHY, "Probe query failed", details);
        }
        Duration queryTime = Duration.ofNanos(System.nanoTime() - start);
        details.put("queryTimeMs", queryTime.toMillis());
        HealthLevel level = HealthLevel.of(queryTime.toMillis(),
                properties.elasticsearch().queryTimeDegraded().toMillis(),
                properties.elasticsearch().queryTimeUnhealthy().toMillis());
        if ("red".equals(status.status())) {
            level = HealthLevel.UNHEALTHY;
        } else if ("yellow".equals(status.status()) && status.nodes() > 1) {
            level = level.worst(HealthLevel.DEGRADED);
        }
        return new ComponentHealth("elasticsearch", level,
                "Cluster " + status.status() + ", probe query " + queryTime.toMillis() + " ms", details);
    }

    public ComponentHealth ingest() {
        HealthProperties.Ingest limits = properties.ingest();
        Map<String, Object> details = new LinkedHashMap<>();
        IngestStatus status = ingest.getIfAvailable();
        Optional<Long> lag = status == null ? Optional.empty() : status.journalLag();
        Optional<Instant> last;
        try {
            last = status == null ? events.newest("event.ingested") : status.lastEventReceived();
        } catch (RuntimeException e) {
            details.put("error", e.getMessage());
            return new ComponentHealth("ingest", HealthLevel.UNHEALTHY, "Cannot tell when events last arrived",
                    details);
        }
        details.put("source", status == null ? "newest event.ingested in Elasticsearch" : "ingest service");
        details.put("journalLag", lag.map(Object.class::cast).orElse("unknown"));
        HealthLevel level = lag.map(l -> HealthLevel.of(l, limits.journalLagDegraded(), limits.journalLagUnhealthy()))
                .orElse(HealthLevel.HEALTHY);
        String summary;
        if (last.isPresent()) {
            Duration since = Duration.between(last.get(), clock.instant());
            details.put("lastEventReceived", last.get().toString());
            details.put("secondsSinceLastEvent", since.toSeconds());
            level = level.worst(HealthLevel.of(since.toMillis(), limits.lastEventDegraded().toMillis(),
                    limits.lastEventUnhealthy() == null ? Long.MAX_VALUE
                            : limits.lastEventUnhealthy().toMillis()));
            summary = "Last event " + human(since) + " ago";
        } else {
            details.put("lastEventReceived", "never");
            summary = "No event received yet";
        }
        if (lag.isPresent()) {
            summary += ", journal lag " + lag.get();
        }
        return new ComponentHealth("ingest", level, summary, details);
    }

    public ComponentHealth errorRate() {
        HealthProperties.ErrorRate limits = properties.errorRate();
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            Instant from = now.minus(Duration.ofHours(1));
            PeriodCounts hour = events.periodCounts(new EventSelection(from, now, "", ScopeFilter.UNRESTRICTED),
                    List.of(from, now), "log.level", null).getFirst();
            long errors = hour.sum(ERROR_LEVELS);
            double percent = hour.total() == 0 ? 0 : errors * 100.0 / hour.total();
            details.put("events", hour.total());
            details.put("errors", errors);
            details.put("errorPercent", Math.round(percent * 100) / 100.0);
            HealthLevel level = hour.total() < limits.minEvents() ? HealthLevel.HEALTHY
                    : HealthLevel.of(percent, limits.degradedPercent(), limits.unhealthyPercent());
            return new ComponentHealth("errorRate", level, String.format(java.util.Locale.ENGLISH,
                    "%.2f%% errors in the last hour (%d of %d)", percent, errors, hour.total()), details);
        } catch (RuntimeException e) {
            details.put("error", e.getMessage());
            return new ComponentHealth("errorRate", HealthLevel.UNHEALTHY, "Cannot count errors", details);
        }
    }

    public ComponentHealth activity() {
        HealthProperties.Activity limits = properties.activity();
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            long recent = events.count(new EventSelection(now.minus(limits.window()), now, "",
                    ScopeFilter.UNRESTRICTED));
            details.put("window", limits.window().toString());
            details.put("events", recent);
            details.put("eventsPerMinute", Math.round(recent * 100.0 / Math.max(1, limits.window().toMinutes())) / 100.0);
            HealthLevel level = recent < limits.minEvents() ? HealthLevel.DEGRADED : HealthLevel.HEALTHY;
            return new ComponentHealth("activity", level, recent + " events in the last " + human(limits.window()),
                    details);
        } catch (RuntimeException e) {
            details.put("error", e.getMessage());
            return new ComponentHealth("activity", HealthLevel.UNHEALTHY, "Cannot count recent events", details);
        }
    }

    static String human(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + " d";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return Math.max(0, d.toSeconds()) + " s";
    }
}
