package io.logwarden.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void quick_ranges_are_relative_to_now() {
        assertThat(TimeRange.parse("now-15m", null, "now-1h", CLOCK)).isEqualTo(
                new TimeRange(NOW.minus(Duration.ofMinutes(15)), NOW));
        assertThat(TimeRange.parse("now-24h", "now", "now-1h", CLOCK).length()).isEqualTo(Duration.ofHours(24));
        assertThat(TimeRange.parse("now-7d", "", "now-1h", CLOCK).length()).isEqualTo(Duration.ofDays(7));
        assertThat(TimeRange.parse("now-2w", "now-1w", "now-1h", CLOCK).length()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void missing_from_uses_the_default_range() {
        assertThat(TimeRange.parse(null, null, "now-15m", CLOCK).length()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void absolute_bounds_are_iso_8601() {
        TimeRange range = TimeRange.parse("2026-11-20T10:00:00Z", "2026-11-20T12:00:00+01:00", "now-1h", CLOCK);
        assertThat(range.from()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
        assertThat(TimeRange.parse("2026-11-20", "2026-11-21T00:00", "now-1h", CLOCK).length())
                .isEqualTo(Duration.ofDays(1));
        assertThat(TimeRange.parse("1763640000000", null, "now-1h", CLOCK).from())
                .isEqualTo(Instant.ofEpochMilli(1763640000000L));
    }

    @Test
    void rejects_unreadable_bounds_with_the_accepted_forms() {
        assertThatThrownBy(() -> TimeRange.parse("yesterday", null, "now-1h", CLOCK))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("Cannot read 'from' = 'yesterday'")
                .hasMessageContaining("now-15m");
        assertThatThrownBy(() -> TimeRange.parse("now-15x", null, "now-1h", CLOCK))
                .hasMessageContaining("Cannot read 'from'");
    }

    @Test
    void rejects_an_empty_or_inverted_range() {
        assertThatThrownBy(() -> TimeRange.parse("now", "now-1h", "now-1h", CLOCK))
                .isInstanceOf(QuerySyntaxException.class).hasMessageContaining("must be before 'to'");
    }
}
