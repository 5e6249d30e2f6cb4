package io.logwarden.event.internal;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Input timestamps: ISO-8601 with or without offset (UTC assumed), or epoch milliseconds; and the ISO form of an
 * instant. The usual layouts ({@code 2026-11-22T10:15:30.123Z}, {@code ...+01:00}, no offset, 0-9 fraction digits)
 * are parsed and printed by hand, everything else goes through {@link DateTimeFormatter#ISO_DATE_TIME} as before:
 * the formatter costs about a microsecond and several allocations per call. Nothing here throws for bad input.
 */
public final class Timestamps {

    private static final long MAX_SECOND = Instant.MAX.getEpochSecond();
    private static final long MIN_SECOND = Instant.MIN.getEpochSecond();
    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01 (the civil-from-days algorithm counts from a March 1st). */
    private static final long DAYS_0000_TO_1970 = 719_468;

    private Timestamps() {
    }

    /** The instant, or {@code null} if the text is not a timestamp. */
    public static Instant parse(String value) {
        String text = value.trim();
        Instant fast = parseIso(text);
        if (fast != null) {
            return fast;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Instant.from(parsed);
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            if (!text.isEmpty() && text.length() <= 16 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            return null;
        }
    }

    /** Epoch milliseconds; every long is inside {@link Instant}'s range. */
    public static Instant ofEpochMilli(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    /** Epoch milliseconds beyond a long: clamped to {@link Instant#MIN}/{@link Instant#MAX} (so out of range). */
    public static Instant ofEpochMilli(BigInteger millis) {
        return millis.signum() < 0 ? Instant.MIN : Instant.MAX;
    }

    /**
     * Fractional epoch milliseconds; values beyond {@link Instant}'s range (1e300, infinities) are clamped to
     * {@link Instant#MIN}/{@link Instant#MAX}, NaN is not a timestamp ({@code null}).
     */
    public static Instant ofEpochMilli(double millis) {
        if (Double.isNaN(millis)) {
            return null;
        }
        double seconds = Math.floor(millis / 1000);
        if (seconds > MAX_SECOND) {
            return Instant.MAX;
        }
        if (seconds < MIN_SECOND) {
            return Instant.MIN;
        }
        long nanos = Math.min(999_999_999, Math.max(0, (long) ((millis - seconds * 1000) * 1_000_000)));
        return Instant.ofEpochSecond((long) seconds, nanos);
    }

    /** Same text as {@link Instant#toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        long z = days + DAYS_0000_TO_1970;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        int nano = instant.getNano();
        char[] out = new char[30];
        put(out, 0, (int) year, 4);
        out[4] = '-';
        put(out, 5, month, 2);
        out[7] = '-';
        put(out, 8, day, 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int len = 19;
        if (nano != 0) {
            out[len++] = '.';
            if (nano % 1_000_000 == 0) {
                put(out, len, nano / 1_000_000, 3);
                len += 3;
            } else if (nano % 1000 == 0) {
                put(out, len, nano / 1000, 6);
                len += 6;
            } else {
                put(out, len, nano, 9);
                len += 9;
            }
        }
        out[len++] = 'Z';
        return new String(out, 0, len);
    }

    private static void put(char[] out, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm[:ss[.f{1,9}]][Z|+HH:MM|-HH:MM]}, strictly validated; {@code null} for anything else
     * (the caller then asks {@link DateTimeFormatter#ISO_DATE_TIME}, which decides).
     */
    static Instant parseIso(String s) {
        int len = s.length();
        if (len < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59) {
            return null;
        }
        int i = 16;
        int second = 0;
        int nano = 0;
        if (i < len && s.charAt(i) == ':') {
            second = i + 3 <= len ? digits(s, i + 1, 2) : -1;
            if (second < 0 || second > 59) {
                return null;
            }
            i += 3;
            if (i < len && s.charAt(i) == '.') {
                int start = ++i;
                while (i < len && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    nano = nano * 10 + (s.charAt(i++) - '0');
                }
                int count = i - start;
                if (count == 0) {
                    return null;
                }
                for (int k = count; k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        int offsetSeconds;
        if (i == len) {
            offsetSeconds = 0;
        } else if (s.charAt(i) == 'Z' && i + 1 == len) {
            offsetSeconds = 0;
        } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && i + 6 == len && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || om > 59 || oh > 18 || (oh == 18 && om > 0)) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nano);
    }

    private static int digits(String s, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - DAYS_0000_TO_1970;
    }
}
