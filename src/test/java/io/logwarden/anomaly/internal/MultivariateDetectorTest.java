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

class MultivariateDetectorTest {

    private final MultivariateDetector detector = new MultivariateDetector(DetectorTestData.factory());
    private final Random random = new Random(13);

    @Test
    void finds_a_combination_no_single_metric_shows_and_names_the_odd_feature() {
        List<Anomaly> normal = feed(600);
        // Volume, errors and latency as usual, but almost no distinct users: a replay or a stuck client.
        Optional<Anomaly> odd = detector.observe(
                new MultivariateDetector.Observation("search", window(600), window(601), 1000, 0.01, 200, 3),
                window(601));

        assertThat(normal).noneMatch(a -> a.severity() != Severity.LOW);
        assertThat(odd).hasValueSatisfying(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.MULTIVARIATE);
            assertThat(a.entity()).isEqualTo(AnomalyEntity.service("search"));
            assertThat(a.severity()).isIn(Severity.MEDIUM, Severity.HIGH);
            assertThat(a.explanation()).startsWith("unusual combination for search: distinct users 3, expected");
        });
    }

    @Test
    void restores_its_model_from_a_snapshot() {
        feed(600);
        MultivariateDetector restored = new MultivariateDetector(DetectorTestData.factory());
        restored.restore(detector.snapshot());
        Optional<Anomaly> odd = restored.observe(
                new MultivariateDetector.Observation("search", window(600), window(601), 1000, 0.01, 200, 3),
                window(601));
        assertThat(odd).isPresent();
    }

    private List<Anomaly> feed(int windows) {
        List<Anomaly> out = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            double load = 1 + 0.3 * random.nextGaussian();
            long volume = Math.max(100, Math.round(1000 * load));
            long users = Math.max(10, Math.round(volume / 10.0 * (1 + 0.05 * random.nextGaussian())));
            double errors = Math.max(0, 0.01 + 0.003 * random.nextGaussian());
            double p95 = 200 * Math.exp(0.1 * random.nextGaussian());
            detector.observe(new MultivariateDetector.Observation("search", window(i), window(i + 1), volume, errors,
                    p95, users), window(i + 1)).ifPresent(out::add);
        }
        return out;
    }
}
