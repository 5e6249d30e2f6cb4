package io.logwarden.alert;

import java.util.Locale;

/** How urgent an alert is, in ascending order; ordering is used for quiet hours and preferences. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
