package io.logwarden.alert;

/** An alert group with its rule's name and severity, as lists show it. */
public record AlertView(AlertState state, String ruleName, Severity severity) {
}
