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

    @BeforeEach
    void learn_twenty_runs_of_ten_to_fourteen_minutes_with_a_heartbeat_a_minute() {
        for (int i = 0; i < 20; i++) {
            Duration d = Duration.ofMinutes(10 + i % 5);
            detector.learn(new StuckJobDetector.FinishedRun("nightly-export", "run-" + i, d, d.toMinutes() - 1));
        }
    }

    @Test
    void finds_a_run_going_on_far_longer_than_its_history() {
        var run = new StuckJobDetector.OpenRun("nightly-export", "run-99", T0, T0.plus(Duration.ofMinutes(59)), 58);
        List<Anomaly> found = detector.check(List.of(run), T0.plus(Duration.ofMinutes(60)));

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.STUCK_JOB);
            assertThat(a.entity()).isEqualTo(AnomalyEntity.job("nightly-export", "run-99"));
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).isEqualTo(
                    "job nightly-export run run-99 running for 1h, finished runs take 10m-14m (limit p99 x 1.5 = 21m)");
        });
    }

    @Test
    void finds_a_run_whose_heartbeats_stopped_before_it_is_overdue() {
        var run = new StuckJobDetector.OpenRun("nightly-export", "run-7", T0, T0.plus(Duration.ofMinutes(2)), 2);
        List<Anomaly> found = detector.check(List.of(run), T0.plus(Duration.ofMinutes(8)));

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.entity().id()).isEqualTo("run-7");
            assertThat(a.severity()).isIn(Severity.MEDIUM, Severity.HIGH);
            assertThat(a.explanation()).isEqualTo(
                    "no heartbeat from job nightly-export run run-7 for 6m, heartbeats normally every 1m");
        });
    }

    @Test
    void a_healthy_run_and_a_job_without_history_raise_nothing() {
        var healthy = new StuckJobDetector.OpenRun("nightly-export", "run-8", T0, T0.plus(Duration.ofMinutes(11)), 11);
        var unknown = new StuckJobDetector.OpenRun("reindex", "r-1", T0, T0, 0);
        assertThat(detector.check(List.of(healthy, unknown), T0.plus(Duration.ofMinutes(12)))).isEmpty();
    }

    @Test
    void a_false_positive_raises_the_limit() {
        var run = new StuckJobDetector.OpenRun("nightly-export", "run-99", T0, T0.plus(Duration.ofMinutes(29)), 28);
        Anomaly first = detector.check(List.of(run), T0.plus(Duration.ofMinutes(30))).getFirst();
        detector.learnNormal(first);
        assertThat(detector.check(List.of(run), T0.plus(Duration.ofMinutes(30)))).isEmpty();
    }
}
