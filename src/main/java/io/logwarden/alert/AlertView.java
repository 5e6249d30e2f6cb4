package io.logwarden.alert;

/**
 * An alert group with its rule's name and severity, as lists show it.
 *
 * @param state     the group's state (group value masked for viewers without PII access)
 * @param ruleName  the rule's name
 * @param severity  the rule's severity
 * @param link      relative link to the matching events, the anomaly or the System view
 */
public record AlertView(AlertState state, String ruleName, Severity severity, String link) {
}
