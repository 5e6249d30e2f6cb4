package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketSizeTest {

    @Test
    void picks_round_intervals_for_common_ranges() {
        assertThat(BucketSize.forRange(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
        assertThat(BucketSize.forRange(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(10));
        assertThat(BucketSize.forRange(Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
        assertThat(BucketSize.forRange(Duration.ofDays(30))).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void common_ranges_get_between_100_and_200_buckets() {
        for (Duration range : List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6),
                Duration.ofHours(12), Duration.ofHours(24), Duration.ofDays(2), Duration.ofDays(7),
                Duration.ofDays(30), Duration.ofDays(90))) {
            long buckets = BucketSize.buckets(range, BucketSize.forRange(range));
            assertThat(buckets).as("buckets for %s", range).isBetween(90L, 200L);
        }
    }

    @Test
    void never_exceeds_the_maximum_for_any_range() {
        for (long minutes = 1; minutes < 60L * 24 * 400; minutes = minutes * 3 / 2 + 1) {
            Duration range = Duration.ofMinutes(minutes);
            assertThat(BucketSize.buckets(range, BucketSize.forRange(range))).as("range %s", range)
                    .isBetween(1L, (long) BucketSize.MAX_BUCKETS);
        }
    }

    @Test
    void the_duration_chart_gets_at_most_60_buckets_for_the_dashboard_ranges() {
        assertThat(BucketSize.forRange(Duration.ofHours(1), BucketSize.MAX_PERCENTILE_BUCKETS))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(BucketSize.forRange(Duration.ofHours(24), BucketSize.MAX_PERCENTILE_BUCKETS))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(BucketSize.forRange(Duration.ofDays(7), BucketSize.MAX_PERCENTILE_BUCKETS))
                .isEqualTo(Duration.ofHours(3));
        for (Duration range : List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24),
                Duration.ofDays(7), Duration.ofDays(30))) {
            Duration interval = BucketSize.forRange(range, BucketSize.MAX_PERCENTILE_BUCKETS);
            assertThat(BucketSize.buckets(range, interval)).as("range %s", range)
                    .isBetween(20L, (long) BucketSize.MAX_PERCENTILE_BUCKETS);
        }
    }

    @Test
    void rejects_an_empty_range() {
        assertThatThrownBy(() -> BucketSize.forRange(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
