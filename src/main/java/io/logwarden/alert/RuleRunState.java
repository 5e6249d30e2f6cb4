package io.logwarden.alert;

import java.time.Instant;

/**
 * How a rule's evaluations go.
 *
 * @param ruleId          the rule
 * @param lastEvaluatedAt last evaluation, null if never
 * @param lastError       why the evaluations fail (e.g. a query Elasticsearch refuses), null when they succeed
 * @param lastErrorAt     since when
 */
public record RuleRunState(String ruleId, Instant lastEvaluatedAt, String lastError, Instant lastErrorAt) {
}
