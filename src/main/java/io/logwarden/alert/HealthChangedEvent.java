package io.logwarden.alert;

import java.time.Instant;

/**
 * Spring application event for HEALTH rules: a component's health changed (or a slow-query measurement).
 *
 * @param timestamp when
 * @param component e.g. "elasticsearch", "ingest.journal", "search.latency"
 * @param degraded  true when not healthy
 * @param value     a measurement for threshold rules (e.g. query latency in ms), 0 if none
 * @param details   short text
 */
public record HealthChangedEvent(Instant timestamp, String component, boolean degraded, double value,
                                 String details) {
}
