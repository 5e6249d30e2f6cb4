package io.logwarden.storage;

import java.time.Duration;

/**
 * What Elasticsearch said about itself, or why it said nothing.
 *
 * @param reachable    whether the cluster answered
 * @param status       green, yellow or red; "unreachable" when it did not answer
 * @param nodes        number of nodes
 * @param responseTime how long the health request took
 * @param error        the failure when unreachable, else null
 */
public record ClusterStatus(boolean reachable, String status, int nodes, Duration responseTime, String error) {
}
