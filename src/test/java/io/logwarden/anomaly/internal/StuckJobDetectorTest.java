package io.logwarden.anomaly.internal;

import static io.logwarden.anomaly.internal.DetectorTestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StuckJobDetectorTest {

    private final StuckJobDetector detector = new StuckJobDetector(DetectorTestData.factory());

    private static final Duration FORGET = Duration.ofDays(7);

    @BeforeEach
    void learn_twenty_runs_of_ten_to_fourteen_minutes_with_a_heartbeat_a_minute() {
        for (int i = 0; i < 20; i++) {
            Duration d = Duration.ofMinutes(10 + i % 5);
            detector.learn("nightly-export", d, d.toMinutes() - 1);
        }
    }

    private static StuckJobDetector.Activity open(String job, String id, Duration lastSeen, long heartbeats) {
        return new StuckJobDetector.Activity("exports", job, id, T0, T0.plus(lastSeen), null, heartbeats);
    }

    @Test
    void finds_a_run_going_on_far_longer_than_its_history() {
        detector.apply(List.of(open("nightly-export", "run-99", Duration.ofMinutes(59), 58)));
        List<Anomaly> found = detector.check(T0.plus(Duration.ofMinutes(60)), FORGET);

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.STUCK_JOB);
            assertThat(a.entity()).isEqualTo(AnomalyEntity.job("exports", "nightly-export", "run-99"));
            assertThat(a.entity().service()).isEqualTo("exports");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).isEqualTo(
                    "job nightly-export (exports) run run-99 running for 1h, finished runs take 10m-14m"
                            + " (limit p99 x 1.5 = 21m)");
        });
    }

    @Test
    void finds_a_run_whose_heartbeats_stopped_before_it_is_overdue() {
        detector.apply(List.of(open("nightly-export", "run-7", Duration.ofMinutes(2), 2)));
        List<Anomaly> found = detector.check(T0.plus(Duration.ofMinutes(8)), FORGET);

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.entity().id()).isEqualTo("run-7");
            // 6 minutes silent against a limit of 3 typical 1-minute gaps: twice the limit
            assertThat(a.score()).isEqualTo(Math.round(Scoring.fromExceedance(2, 40) * 10) / 10.0);
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.explanation()).isEqualTo(
                    "no heartbeat from job nightly-export (exports) run run-7 for 6m, heartbeats normally every 1m");
        });
    }

    @Test
    void a_healthy_run_and_a_job_without_history_raise_nothing() {
        detector.apply(List.of(open("nightly-export", "run-8", Duration.ofMinutes(11), 11),
                open("reindex", "r-1", Duration.ZERO, 0)));
        assertThat(detector.check(T0.plus(Duration.ofMinutes(12)), FORGET)).isEmpty();
    }

    @Test
    void a_run_seen_over_several_intervals_is_learned_once_when_it_finishes() {
        StuckJobDetector fresh = new StuckJobDetector(DetectorTestData.factory());
        fresh.apply(List.of(new StuckJobDetector.Activity("exports", "report", "r-1", T0, T0.plusSeconds(60), null, 1)));
        fresh.apply(List.of(new StuckJobDetector.Activity("exports", "report", "r-1", null, T0.plusSeconds(120), null,
                1)));
        assertThat(fresh.openRuns()).isEqualTo(1);
        fresh.apply(List.of(new StuckJobDetector.Activity("exports", "report", "r-1", null, T0.plusSeconds(180),
                T0.plusSeconds(180), 0)));

        assertThat(fresh.openRuns()).isZero();
        assertThat(fresh.baselines().get("report").durations.size()).isEqualTo(1);
        assertThat(fresh.baselines().get("report").durations.median()).isEqualTo(180);
        // two heartbeats over the run's three intervals: a gap of 180 s / 3
        assertThat(fresh.baselines().get("report").gaps.median()).isEqualTo(60);
    }

    @Test
    void a_run_without_any_sign_of_life_for_longer_than_the_history_is_forgotten() {
        detector.apply(List.of(open("nightly-export", "run-9", Duration.ofMinutes(1), 1)));
        assertThat(detector.check(T0.plus(Duration.ofDays(8)), FORGET)).isEmpty();
        assertThat(detector.openRuns()).isZero();
    }

    @Test
    void a_false_positive_raises_the_limit() {
        detector.apply(List.of(open("nightly-export", "run-99", Duration.ofMinutes(29), 28)));
        Anomaly first = detector.check(T0.plus(Duration.ofMinutes(30)), FORGET).getFirst();
        assertThat(detector.learnNormal(first).learned()).isTrue();
        assertThat(detector.check(T0.plus(Duration.ofMinutes(30)), FORGET)).isEmpty();
    }

    @Test
    void feedback_for_a_job_it_no_longer_knows_says_so() {
        Anomaly unknown = new Anomaly("x", AnomalyKind.STUCK_JOB, AnomalyEntity.job("gone", "r"), T0, T0, 50,
                Severity.MEDIUM, 100, 0, 10, "s", "job gone", T0, io.logwarden.anomaly.AnomalyStatus.OPEN);
        assertThat(detector.learnNormal(unknown).learned()).isFalse();
        assertThat(detector.learnNormal(unknown).note()).contains("no longer kept");
    }
}
