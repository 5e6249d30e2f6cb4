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

class ErrorRateDetectorTest {

    private final ErrorRateDetector detector = new ErrorRateDetector(DetectorTestData.factory());
    private final Random random = new Random(11);

    @Test
    void finds_an_error_burst_at_volume_as_high() {
        List<Anomaly> normal = feed(300, 1000, 0.01);
        Optional<Anomaly> burst = detector.observe(obs("checkout", 300, 3000, 2000), window(301));

        assertThat(normal).isEmpty();
        assertThat(burst).hasValueSatisfying(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.ERROR_RATE);
            assertThat(a.entity()).isEqualTo(AnomalyEntity.service("checkout"));
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).isEqualTo(
                    "error rate of checkout 67% (2,000 errors in 3,000 events), expected 0.4%-1.6%");
        });
    }

    @Test
    void two_errors_in_three_events_is_not_a_spike() {
        feed(300, 1000, 0.01);
        Optional<Anomaly> tiny = detector.observe(obs("checkout", 300, 3, 2), window(301));
        assertThat(tiny.map(Anomaly::severity).orElse(Severity.LOW)).isEqualTo(Severity.LOW);
    }

    @Test
    void a_bursty_service_needs_a_bigger_burst_than_a_steady_one() {
        ErrorRateDetector bursty = new ErrorRateDetector(DetectorTestData.factory());
        for (int i = 0; i < 300; i++) {
            double rate = random.nextDouble() < 0.1 ? 0.06 : 0.01;
            bursty.observe(obs("batch", i, 1000, Math.round(1000 * rate)), window(i + 1));
        }
        feed(300, 1000, 0.01);
        double steady = detector.observe(obs("checkout", 300, 1000, 45), window(301)).map(Anomaly::score).orElse(0.0);
        double noisy = bursty.observe(obs("batch", 300, 1000, 45), window(301)).map(Anomaly::score).orElse(0.0);
        assertThat(steady).isGreaterThanOrEqualTo(40);
        assertThat(noisy).isLessThan(steady);
    }

    private List<Anomaly> feed(int windows, long volume, double rate) {
        List<Anomaly> out = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            long errors = 0;
            for (int k = 0; k < volume; k++) {
                if (random.nextDouble() < rate) {
                    errors++;
                }
            }
            detector.observe(obs("checkout", i, volume, errors), window(i + 1)).ifPresent(out::add);
        }
        return out;
    }

    private static ErrorRateDetector.Observation obs(String service, int i, long total, long errors) {
        return new ErrorRateDetector.Observation(service, window(i), window(i + 1), total, errors);
    }
}
