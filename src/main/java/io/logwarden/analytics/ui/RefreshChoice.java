package io.logwarden.analytics.ui;

import java.time.Duration;
import java.util.Optional;

/** Auto-refresh intervals of the overview dashboard. */
enum RefreshChoice {
    OFF("Off", null),
    S10("Every 10 s", Duration.ofSeconds(10)),
    S30("Every 30 s", Duration.ofSeconds(30)),
    M1("Every minute", Duration.ofMinutes(1)),
    M5("Every 5 minutes", Duration.ofMinutes(5));

    private final String label;
    private final Duration interval;

    RefreshChoice(String label, Duration interval) {
        this.label = label;
        this.interval = interval;
    }

    /** From a URL parameter: off, 10s, 30s, 1m or 5m. */
    static Optional<RefreshChoice> parse(String text) {
        for (RefreshChoice choice : values()) {
            String key = choice.interval == null ? "off" : choice.interval.toSeconds() % 60 == 0
                    ? choice.interval.toMinutes() + "m" : choice.interval.toSeconds() + "s";
            if (key.equalsIgnoreCase(text)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }

    String label() {
        return label;
    }

    Duration interval() {
        return interval;
    }
}
