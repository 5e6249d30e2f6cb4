package io.logwarden.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time range [from, to) of event timestamps, resolved to instants. Bounds are written as ISO-8601
 * ({@code 2026-11-21T10:00:00Z}, {@code 2026-11-21T11:00:00+01:00}, {@code 2026-11-21} = start of that UTC day,
 * no zone = UTC), epoch milliseconds, or relative to now: {@code now}, {@code now-15m}, {@code now-24h},
 * {@code now-7d}, {@code now-2w} (units s, m, h, d, w).
 */
public record TimeRange(Instant from, Instant to) {

    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,9})([smhdw]))?");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{10,13}");

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new QuerySyntaxException("The time range is empty: 'from' (" + from + ") must be before 'to' ("
                    + to + ")", -1);
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** Parses both bounds; a blank {@code from} means {@code defaultFrom}, a blank {@code to} means now. */
    public static TimeRange parse(String from, String to, String defaultFrom, Clock clock) {
        Instant now = clock.instant();
        Instant start = bound("from", from == null || from.isBlank() ? defaultFrom : from, now);
        Instant end = to == null || to.isBlank() ? now : bound("to", to, now);
        return new TimeRange(start, end);
    }

    static Instant bound(String name, String text, Instant now) {
        String value = text.strip();
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return now;
            }
            long amount = Long.parseLong(relative.group(2));
            Duration unit = switch (relative.group(3)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            Duration offset = unit.multipliedBy(amount);
            return relative.group(1).equals("-") ? now.minus(offset) : now.plus(offset);
        }
        if (EPOCH_MILLIS.matcher(value).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new QuerySyntaxException("Cannot read '" + name + "' = '" + abbreviate(value)
                            + "': use ISO-8601 (2026-11-21T10:00:00Z), epoch milliseconds, or now, now-15m, "
                            + "now-24h, now-7d", -1);
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
