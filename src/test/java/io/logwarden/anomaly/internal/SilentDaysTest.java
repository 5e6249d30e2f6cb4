package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SilentDaysTest {

    /** A Monday. */
    private static final Instant MONDAY = Instant.parse("2026-01-05T03:00:00Z");

    @Test
    void a_silence_on_more_than_half_of_the_last_seven_days_at_that_hour_is_a_daily_habit() {
        SilentDays days = new SilentDays();
        for (int d = 0; d < 4; d++) {
            days.markSilent(MONDAY.plus(Duration.ofDays(d)));
        }
        assertThat(days.regular(MONDAY.plus(Duration.ofDays(4)))).isTrue();
        assertThat(days.regular(MONDAY.plus(Duration.ofDays(4)).plus(Duration.ofHours(2)))).as("another hour")
                .isFalse();
    }

    @Test
    void three_silent_days_of_seven_are_not_yet_a_habit() {
        SilentDays days = new SilentDays();
        for (int d = 0; d < 3; d++) {
            days.markSilent(MONDAY.plus(Duration.ofDays(d)));
        }
        assertThat(days.regular(MONDAY.plus(Duration.ofDays(4)))).isFalse();
    }

    @Test
    void the_same_hour_of_the_week_silent_in_two_of_the_last_four_weeks_is_a_weekly_habit() {
        SilentDays days = new SilentDays();
        Instant saturday = MONDAY.plus(Duration.ofDays(5));
        days.markSilent(saturday);
        days.markSilent(saturday.plus(Duration.ofDays(7)));
        days.advance(saturday.plus(Duration.ofDays(13)));

        assertThat(days.regular(saturday.plus(Duration.ofDays(14)))).isTrue();
        assertThat(days.regular(saturday.plus(Duration.ofDays(15)))).as("the Sunday after").isFalse();
    }

    @Test
    void old_silences_are_forgotten_after_32_days() {
        SilentDays days = new SilentDays();
        for (int d = 0; d < 7; d++) {
            days.markSilent(MONDAY.plus(Duration.ofDays(d)));
        }
        days.advance(MONDAY.plus(Duration.ofDays(40)));
        assertThat(days.regular(MONDAY.plus(Duration.ofDays(40)))).isFalse();
    }
}
