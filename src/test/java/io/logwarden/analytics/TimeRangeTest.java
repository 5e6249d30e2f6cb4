package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void a_rounded_range_is_the_same_for_everyone_within_the_same_minute() {
        TimeRange first = TimeRange.rounded(Duration.ofDays(7), Instant.parse("2026-03-10T14:27:05.123Z"), "q");
        TimeRange later = TimeRange.rounded(Duration.ofDays(7), Instant.parse("2026-03-10T14:27:59.999Z"), "q");

        assertThat(later).isEqualTo(first);
        assertThat(first.to()).isEqualTo(Instant.parse("2026-03-10T14:28:00Z"));
        // the start is a whole bucket (1 h for 7 days) at or before 7 days before the end
        assertThat(first.from()).isEqualTo(Instant.parse("2026-03-03T14:00:00Z"));
        assertThat(first.query()).isEqualTo("q");
    }

    @Test
    void a_rounded_range_covers_at_least_the_length_asked_for_and_at_most_one_bucket_and_a_minute_more() {
        Instant now = Instant.parse("2026-03-10T14:27:05Z");
        for (Duration length : new Duration[] {Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(30)}) {
            TimeRange range = TimeRange.rounded(length, now, "");
            assertThat(range.to()).isAfterOrEqualTo(now);
            assertThat(range.length()).isGreaterThanOrEqualTo(length)
                    .isLessThanOrEqualTo(length.plus(BucketSize.forRange(length)).plusMinutes(1));
            assertThat(BucketSize.buckets(range.length(), BucketSize.forRange(range.length())))
                    .isLessThanOrEqualTo(BucketSize.MAX_BUCKETS);
        }
    }

    @Test
    void a_time_on_the_minute_is_not_rounded_up() {
        TimeRange range = TimeRange.rounded(Duration.ofHours(1), Instant.parse("2026-03-10T14:27:00Z"), "");

        assertThat(range.to()).isEqualTo(Instant.parse("2026-03-10T14:27:00Z"));
        assertThat(range.from()).isEqualTo(Instant.parse("2026-03-10T13:27:00Z"));
    }
}
