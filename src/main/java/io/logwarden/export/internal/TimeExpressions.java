package io.logwarden.export.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code from}/{@code to} parameters: ISO-8601 instants, {@code now} or {@code now-<n><s|m|h|d>}. */
final class TimeExpressions {

    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+)([smhd]))?");

    private TimeExpressions() {
    }

    static Instant parse(String text, Instant now, String parameter) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("'" + parameter + "' is required (ISO-8601 or now-24h)");
        }
        Matcher relative = RELATIVE.matcher(text.strip());
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return now;
            }
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + parameter + "' is neither ISO-8601 nor now-<n>[smhd]: " + text);
        }
    }
}
