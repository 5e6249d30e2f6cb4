package io.logwarden.anomaly.internal;

import static io.logwarden.anomaly.internal.DetectorTestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationDetectorTest {

    private final DurationDetector detector = new DurationDetector(DetectorTestData.factory());
    private final Random random = new Random(7);

    @Test
    void finds_a_slow_action_with_its_entity_high_severity_and_expected_range() {
        List<Anomaly> normal = feed(400);
        Optional<Anomaly> slow = detector.observe(obs("payments", "PAYMENT_RECEIVED", 400, 2350), window(401));

        assertThat(normal).isEmpty();
        assertThat(slow).hasValueSatisfying(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.DURATION);
            assertThat(a.entity()).isEqualTo(AnomalyEntity.action("payments", "PAYMENT_RECEIVED"));
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.actual()).isEqualTo(2350);
            assertThat(a.expectedLow()).isBetween(150.0, 220.0);
            assertThat(a.expectedHigh()).isBetween(200.0, 300.0);
            assertThat(a.explanation()).startsWith("p95 duration of PAYMENT_RECEIVED (payments) 2,350 ms")
                    .contains("expected");
        });
    }

    @Test
    void a_slow_window_of_another_action_does_not_concern_this_one() {
        feed(400);
        assertThat(detector.observe(obs("payments", "REFUND", 400, 2350), window(401))).isEmpty();
        assertThat(detector.observe(obs("payments", "PAYMENT_RECEIVED", 401, 205), window(402))).isEmpty();
    }

    @Test
    void faster_than_usual_is_no_anomaly() {
        feed(400);
        assertThat(detector.observe(obs("payments", "PAYMENT_RECEIVED", 400, 20), window(401))).isEmpty();
    }

    @Test
    void marking_a_false_positive_widens_the_baseline() {
        feed(400);
        Anomaly first = detector.observe(obs("payments", "PAYMENT_RECEIVED", 400, 600), window(401)).orElseThrow();
        detector.learnNormal(first);
        Optional<Anomaly> again = detector.observe(obs("payments", "PAYMENT_RECEIVED", 401, 600), window(402));
        assertThat(again.map(Anomaly::score).orElse(0.0)).isLessThan(first.score());
    }

    private List<Anomaly> feed(int windows) {
        List<Anomaly> out = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            double p95 = 210 * Math.exp(0.08 * random.nextGaussian());
            detector.observe(obs("payments", "PAYMENT_RECEIVED", i, p95), window(i + 1)).ifPresent(out::add);
            detector.observe(obs("payments", "REFUND", i, 3000 * Math.exp(0.1 * random.nextGaussian())),
                    window(i + 1)).ifPresent(out::add);
        }
        return out;
    }

    private static DurationDetector.Observation obs(String service, String action, int i, double p95) {
        return new DurationDetector.Observation(service, action, window(i), window(i + 1), 120, p95);
    }
}
