package io.logwarden.event.internal;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    /** What parsing meant before the hand-written fast path: ISO_DATE_TIME, UTC when there is no offset. */
    private static Instant viaFormatter(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS) ? Instant.from(parsed)
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Test
    void formats_exactly_like_instant_to_string() {
        Random random = new Random(1);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanos = {0, 1, 999_999_999, 123_000_000, 123_456_000, 123_456_789, 100, 1000, 1_000_000};
        for (int i = 0; i < 200_000; i++) {
            long second = min + (long) (random.nextDouble() * (max - min));
            Instant t = Instant.ofEpochSecond(second, i % 3 == 0 ? nanos[i % nanos.length] : random.nextInt(1_000_000_000));
            assertThat(Timestamps.format(t)).isEqualTo(t.toString());
        }
        for (Instant t : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2024-02-29T12:00:00.5Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z")}) {
            assertThat(Timestamps.format(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void parses_common_iso_layouts_exactly_like_the_iso_formatter() {
        Random random = new Random(2);
        String[] offsets = {"Z", "", "+00:00", "+01:00", "-05:30", "+18:00", "-18:00", "+14:45"};
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), 0);
            String base = t.toString().substring(0, 19);
            String fraction = switch (i % 5) {
                case 0 -> "";
                case 1 -> "." + random.nextInt(10);
                case 2 -> String.format(".%03d", random.nextInt(1000));
                case 3 -> String.format(".%06d", random.nextInt(1_000_000));
                default -> String.format(".%09d", random.nextInt(1_000_000_000));
            };
            String text = (i % 7 == 0 ? base.substring(0, 16) : base + fraction) + offsets[i % offsets.length];
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(viaFormatter(text));
        }
    }

    @Test
    void leaves_everything_unusual_to_the_formatter_and_agrees_with_it() {
        for (String text : new String[] {"2024-02-29T10:00:00Z", "2023-02-29T10:00:00Z", "2100-02-29T00:00Z",
                "2000-02-29T00:00Z", "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z",
                "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "2026-01-01t10:00:00z",
                "2026-01-01T10:00:00.Z", "2026-01-01T10:00:00.1234567891Z", "2026-01-01T10:00:00+18:01",
                "2026-01-01T10:00:00+19:00", "2026-01-01T10:00:00+0100", "2026-01-01T10:00:00+01", "2026-01-01T10:00:00+01:00:30",
                "2026-01-01T10:00:00+01:00[Europe/Paris]", "2026-01-01T10:00:00Z[UTC]", "2026-01-01T10", "2026-01-01",
                "2026-1-01T10:00:00Z", "+2026-01-01T10:00:00Z", "20260101T100000Z", "2026-01-01T10:00:00 Z",
                "2026-01-01T10:00:00ZZ", "2026-01-01T10:00:00-00:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(viaFormatter(text.trim()));
        }
    }

    @Test
    void parses_epoch_millis_text_up_to_sixteen_digits_and_trims() {
        assertThat(Timestamps.parse("1700000000123")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(Timestamps.parse(" 2026-01-01T10:00:00Z\t")).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(Timestamps.parse("12345678901234567")).isNull();
        assertThat(Timestamps.parse("-5")).isNull();
        assertThat(Timestamps.parse("")).isNull();
    }

    @Test
    void never_throws_for_garbage_text() {
        Random random = new Random(3);
        String alphabet = "0123456789-:T.Z+ tz[]/Ee";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            int len = random.nextInt(32);
            for (int k = 0; k < len; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            assertThat(Timestamps.parse(s)).as(s).isEqualTo(viaFormatterOrMillis(s));
        }
    }

    private static Instant viaFormatterOrMillis(String s) {
        String text = s.trim();
        Instant parsed = viaFormatter(text);
        if (parsed == null && !text.isEmpty() && text.length() <= 16 && text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        return parsed;
    }

    @Test
    void clamps_numbers_beyond_the_instant_range_and_refuses_nan() {
        assertThat(Timestamps.ofEpochMilli(1e300)).isEqualTo(Instant.MAX);
        assertThat(Timestamps.ofEpochMilli(-1e300)).isEqualTo(Instant.MIN);
        assertThat(Timestamps.ofEpochMilli(Double.POSITIVE_INFINITY)).isEqualTo(Instant.MAX);
        assertThat(Timestamps.ofEpochMilli(Double.NEGATIVE_INFINITY)).isEqualTo(Instant.MIN);
        assertThat(Timestamps.ofEpochMilli(Double.NaN)).isNull();
        assertThat(Timestamps.ofEpochMilli(new BigInteger("1" + "0".repeat(30)))).isEqualTo(Instant.MAX);
        assertThat(Timestamps.ofEpochMilli(new BigInteger("-1" + "0".repeat(30)))).isEqualTo(Instant.MIN);
        assertThat(Timestamps.ofEpochMilli(Long.MAX_VALUE)).isEqualTo(Instant.ofEpochMilli(Long.MAX_VALUE));
        assertThat(Timestamps.ofEpochMilli(1_700_000_000_123.5)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_500_000));
        assertThat(Timestamps.ofEpochMilli(-1.5)).isEqualTo(Instant.ofEpochSecond(0, -1_500_000));
    }
}
