package io.logwarden.alert.internal.rule;

import java.time.Instant;

/**
 * One instance's report on one component, for HEALTH rules.
 *
 * @param instance  the Logwarden instance that sampled it
 * @param component e.g. "elasticsearch", "ingest", "search.latency"
 * @param degraded  true when not healthy
 * @param value     a measurement for threshold rules (e.g. latency in ms), 0 if none
 * @param details   short text
 * @param timestamp when it was sampled
 */
public record HealthReport(String instance, String component, boolean degraded, double value, String details,
                           Instant timestamp) {
}
