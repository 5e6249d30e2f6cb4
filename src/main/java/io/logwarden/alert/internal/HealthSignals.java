package io.logwarden.alert.internal;

import io.logwarden.alert.HealthChangedEvent;
import io.logwarden.alert.internal.rule.HealthReport;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latest health sample of every instance, shared through {@code .logwarden-alert-signals} (one document per
 * instance and component), so a HEALTH rule evaluated on any instance sees components and search latency of all of
 * them. Samples older than {@code freshness} (an instance that stopped) no longer count.
 */
public class HealthSignals {

    /** @param instance sampling instance @param report the sample */
    public record Stored(String instance, String component, boolean degraded, double value, String details,
                  Instant timestamp) {
    }

    private final VersionedDocumentStore store;
    private final String instanceId;
    private final Duration freshness;

    public HealthSignals(VersionedDocumentStore store, String instanceId, Duration freshness) {
        this.store = store;
        this.instanceId = instanceId;
        this.freshness = freshness;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Shares this instance's samples. */
    public void publish(List<HealthChangedEvent> samples) {
        for (HealthChangedEvent e : samples) {
            store.put(AlertIndices.SIGNALS, instanceId + "|" + e.component(), new Stored(instanceId, e.component(),
                    e.degraded(), e.value(), e.details(), e.timestamp()));
        }
    }

    /** This instance's own reports (from its buffer, any age within a day) and the fresh ones of other instances. */
    public List<HealthReport> reports(List<HealthChangedEvent> local, Instant now) {
        List<HealthReport> reports = new ArrayList<>();
        local.forEach(e -> reports.add(new HealthReport(instanceId, e.component(), e.degraded(), e.value(),
                e.details(), e.timestamp())));
        for (Versioned<Stored> v : store.search(AlertIndices.SIGNALS, Map.of(), List.of(), 1000, Stored.class)) {
            Stored s = v.document();
            if (!instanceId.equals(s.instance()) && s.timestamp() != null
                    && !s.timestamp().isBefore(now.minus(freshness))) {
                reports.add(new HealthReport(s.instance(), s.component(), s.degraded(), s.value(), s.details(),
                        s.timestamp()));
            }
        }
        return reports;
    }
}
