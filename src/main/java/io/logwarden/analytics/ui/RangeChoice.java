package io.logwarden.analytics.ui;

import java.time.Duration;
import java.util.Optional;

/** Time ranges the dashboards and the Jobs view offer. */
enum RangeChoice {
    LAST_1H("Last hour", Duration.ofHours(1)),
    LAST_6H("Last 6 hours", Duration.ofHours(6)),
    LAST_24H("Last 24 hours", Duration.ofHours(24)),
    LAST_7D("Last 7 days", Duration.ofDays(7)),
    LAST_30D("Last 30 days", Duration.ofDays(30));

    private final String label;
    private final Duration length;

    RangeChoice(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    /** From a URL parameter such as {@code 7d} or {@code 1h}. */
    static Optional<RangeChoice> parse(String text) {
        for (RangeChoice choice : values()) {
            if (choice.name().substring("LAST_".length()).equalsIgnoreCase(text)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }

    String label() {
        return label;
    }

    Duration length() {
        return length;
    }
}
