package io.logwarden.health;

import java.util.Map;

/**
 * One health component.
 *
 * @param name    elasticsearch, ingest, errorRate, activity
 * @param level   healthy, degraded or unhealthy
 * @param summary one line for people
 * @param details figures behind the level (insertion-ordered)
 */
public record ComponentHealth(String name, HealthLevel level, String summary, Map<String, Object> details) {
}
