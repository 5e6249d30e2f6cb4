package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnivariateScorerTest {

    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(5);

    private final UnivariateScorer.Config config = UnivariateScorer.Config.defaults(UnivariateScorer.Direction.BOTH);

    @Test
    void scores_an_injected_spike_high_and_the_noise_around_it_below_medium() {
        Random random = new Random(1);
        UnivariateScorer scorer = new UnivariateScorer(config);
        List<Double> others = new ArrayList<>();
        double spike = 0;
        for (int i = 0; i < 1000; i++) {
            double v = i == 800 ? 200 : 100 + 5 * random.nextGaussian();
            double s = scorer.scoreAndUpdate(T0.plus(STEP.multipliedBy(i)), v).score();
            if (i == 800) {
                spike = s;
            } else {
                others.add(s);
            }
        }
        assertThat(spike).isGreaterThanOrEqualTo(70);
        assertThat(others).allMatch(s -> s < 40);
    }

    @Test
    void scores_nothing_while_warming_up() {
        UnivariateScorer scorer = new UnivariateScorer(config);
        for (int i = 0; i < config.minHistory(); i++) {
            assertThat(scorer.scoreAndUpdate(T0.plus(STEP.multipliedBy(i)), i * 1000).warm()).isFalse();
        }
        assertThat(scorer.score(T0, 1).warm()).isTrue();
    }

    @Test
    void uses_hour_of_day_seasonality_to_flag_a_value_normal_by_day_but_not_at_night() {
        Random random = new Random(2);
        UnivariateScorer scorer = new UnivariateScorer(config);
        int perDay = 288;
        for (int i = 0; i < perDay * 7; i++) {
            Instant t = T0.plus(STEP.multipliedBy(i));
            scorer.update(t, daily(t) + random.nextGaussian());
        }
        Instant night = T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(3));
        Instant noon = T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(12));
        UnivariateScorer.Result atNight = scorer.score(night, daily(noon));
        assertThat(atNight.profile()).isEqualTo("hour-of-day");
        assertThat(atNight.score()).isGreaterThanOrEqualTo(40);
        assertThat(scorer.score(noon, daily(noon)).score()).isLessThan(40);
    }

    @Test
    void learning_a_false_positive_lowers_the_score_of_similar_values() {
        Random random = new Random(3);
        UnivariateScorer scorer = new UnivariateScorer(config);
        for (int i = 0; i < 300; i++) {
            scorer.update(T0.plus(STEP.multipliedBy(i)), 50 + random.nextGaussian());
        }
        Instant t = T0.plus(STEP.multipliedBy(300));
        double before = scorer.score(t, 70).score();
        scorer.learnNormal(t, 70);
        assertThat(before).isGreaterThanOrEqualTo(40);
        assertThat(scorer.score(t, 70).score()).isLessThan(before);
    }

    @Test
    void a_restored_snapshot_scores_like_the_original() throws java.io.IOException {
        Random random = new Random(4);
        UnivariateScorer scorer = new UnivariateScorer(config);
        for (int i = 0; i < 2000; i++) {
            Instant t = T0.plus(STEP.multipliedBy(i));
            scorer.update(t, daily(t) + random.nextGaussian());
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        scorer.write(new java.io.DataOutputStream(bytes));
        UnivariateScorer restored = UnivariateScorer.read(config, new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())));
        for (int i = 2000; i < 2100; i++) {
            Instant t = T0.plus(STEP.multipliedBy(i));
            double v = daily(t) + 3 * random.nextGaussian();
            assertThat(restored.scoreAndUpdate(t, v)).isEqualTo(scorer.scoreAndUpdate(t, v));
        }
    }

    @Test
    void a_flat_series_does_not_alert_on_a_tiny_wobble_but_does_on_a_jump() {
        UnivariateScorer scorer = new UnivariateScorer(config);
        for (int i = 0; i < 200; i++) {
            scorer.update(T0.plus(STEP.multipliedBy(i)), 10);
        }
        Instant t = T0.plus(STEP.multipliedBy(200));
        assertThat(scorer.score(t, 10.01).score()).isLessThan(40);
        assertThat(scorer.score(t, 20).score()).isGreaterThanOrEqualTo(70);
    }

    @Test
    void uses_an_hour_of_week_profile_once_the_series_shows_a_weekly_pattern() {
        Random random = new Random(6);
        UnivariateScorer scorer = new UnivariateScorer(config);
        int perDay = 288;
        // Four weeks: weekdays around 100, weekends around 300, a little noise.
        for (int i = 0; i < perDay * 28; i++) {
            Instant t = T0.plus(STEP.multipliedBy(i));
            scorer.update(t, weekly(t) + 3 * random.nextGaussian());
        }
        Instant saturday = T0.plus(Duration.ofDays(28 + 5)).plus(Duration.ofHours(12));
        Instant tuesday = T0.plus(Duration.ofDays(28 + 1)).plus(Duration.ofHours(12));
        UnivariateScorer.Result weekendOnTuesday = scorer.score(tuesday, 300);

        assertThat(scorer.usesHourOfWeek()).isTrue();
        assertThat(weekendOnTuesday.profile()).isEqualTo("hour-of-week");
        assertThat(weekendOnTuesday.score()).isGreaterThanOrEqualTo(70);
        assertThat(scorer.score(saturday, 300).score()).isLessThan(40);
        assertThat(scorer.score(tuesday, 100).score()).isLessThan(40);
    }

    @Test
    void a_series_without_a_weekly_pattern_keeps_no_hour_of_week_profile() {
        Random random = new Random(7);
        UnivariateScorer scorer = new UnivariateScorer(config);
        for (int i = 0; i < 288 * 28; i++) {
            Instant t = T0.plus(STEP.multipliedBy(i));
            scorer.update(t, daily(t) + random.nextGaussian());
        }
        assertThat(scorer.usesHourOfWeek()).isFalse();
        assertThat(scorer.score(T0.plus(Duration.ofDays(28)).plus(Duration.ofHours(3)), 100).profile())
                .isEqualTo("hour-of-day");
    }

    static double weekly(Instant t) {
        int weekday = (int) Math.floorMod(Math.floorDiv(t.getEpochSecond(), 86_400L) + 3, 7L); // 0 = Monday
        return weekday >= 5 ? 300 : 100;
    }

    static double daily(Instant t) {
        double hour = t.getEpochSecond() % 86400 / 3600.0;
        return 100 + 50 * Math.sin(2 * Math.PI * (hour - 6) / 24);
    }
}
