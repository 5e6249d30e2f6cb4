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

        assertThat(normal.stream().filter(a -> a.severity() != Severity.LOW).count()).isLessThanOrEqualTo(1);
        assertThat(odd).hasValueSatisfying(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.MULTIVARIATE);
            assertThat(a.entity()).isEqualTo(AnomalyEntity.service("search"));
            assertThat(a.severity()).isIn(Severity.MEDIUM, Severity.HIGH);
            assertThat(a.explanation()).startsWith("unusual combination for search: distinct users 3, expected");
        });
    }

    @Test
    void restores_its_model_from_a_snapshot() throws java.io.IOException {
        feed(600);
        MultivariateDetector restored = new MultivariateDetector(DetectorTestData.factory());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        detector.write(detector.series().get("service:search"), new java.io.DataOutputStream(bytes));
        restored.series().put("service:search", restored.read("service:search", new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))));
        restored.afterRestore();
        Optional<Anomaly> odd = restored.observe(
                new MultivariateDetector.Observation("search", window(600), window(601), 1000, 0.01, 200, 3),
                window(601));
        assertThat(odd).isPresent();
    }

    @Test
    void finds_a_combination_each_feature_of_which_is_normal_on_its_own() {
        feed(600);
        // High but usual volume with the users of a quiet window: users normally follow volume.
        MultivariateDetector.Observation odd = new MultivariateDetector.Observation("search", window(600),
                window(601), 1500, 0.01, 200, 40);
        MultivariateServiceModel m = detector.series().get("service:search");
        double[] x = odd.vector();
        assertThat(Scoring.fromZ(Math.abs(m.stats[0].z(x[0])))).as("volume alone").isLessThan(30);
        assertThat(Scoring.fromZ(Math.abs(m.stats[3].z(x[3])))).as("users alone").isLessThan(30);

        assertThat(detector.observe(odd, window(601))).hasValueSatisfying(a -> {
            assertThat(a.severity()).isIn(Severity.MEDIUM, Severity.HIGH);
            assertThat(a.evidence()).containsKeys("f0", "f1", "f2", "f3");
        });
    }

    @Test
    void a_false_positive_combination_is_learned_from_the_features_the_anomaly_carries() {
        feed(600);
        MultivariateDetector.Observation odd = new MultivariateDetector.Observation("search", window(600),
                window(601), 1500, 0.01, 200, 40);
        Anomaly first = detector.observe(odd, window(601)).orElseThrow();
        // A new detector restored from nothing but the anomaly record cannot learn it; this one can.
        assertThat(new MultivariateDetector(DetectorTestData.factory()).learnNormal(first).learned()).isFalse();
        assertThat(detector.learnNormal(first).learned()).isTrue();
        detector.endWindow();
        double again = detector.observe(new MultivariateDetector.Observation("search", window(601), window(602),
                1500, 0.01, 200, 40), window(602)).map(Anomaly::score).orElse(0.0);
        assertThat(again).isLessThan(first.score());
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
            detector.endWindow();
        }
        return out;
    }
}
