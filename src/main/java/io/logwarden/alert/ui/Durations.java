package io.logwarden.alert.ui;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them ({@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT5M}). */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

    private Durations() {
    }

    /** Null for blank text; throws {@link IllegalArgumentException} with a readable message for bad text. */
    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a duration (e.g. 30s, 5m, 2h, 1d, PT5M)");
        }
    }

    static boolean valid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String format(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.getSeconds();
        if (s > 0 && d.getNano() == 0) {
            if (s % 86_400 == 0) {
                return s / 86_400 + "d";
            }
            if (s % 3600 == 0) {
                return s / 3600 + "h";
            }
            if (s % 60 == 0) {
                return s / 60 + "m";
            }
            return s + "s";
        }
        return d.toString();
    }
}
