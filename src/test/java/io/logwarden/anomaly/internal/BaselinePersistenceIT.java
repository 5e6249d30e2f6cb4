package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.storage.AnomalyBaselines;
import io.logwarden.storage.AnomalyFeatureQueries.ActionWindow;
import io.logwarden.storage.AnomalyFeatureQueries.HostWindow;
import io.logwarden.storage.AnomalyFeatureQueries.JobActivity;
import io.logwarden.storage.AnomalyFeatureQueries.ServiceWindow;
import io.logwarden.storage.AnomalyFeatureQueries.WindowFeatures;
import io.logwarden.testsupport.TestIndices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Baselines of realistic size survive a save and restore through real Elasticsearch: thousands of series spread over
 * chunk documents, and later saves write only the chunks that changed.
 */
@AnomalyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaselinePersistenceIT {

    static final Instant T0 = Instant.parse("2023-09-04T00:00:00Z");
    static final Duration W = Duration.ofMinutes(5);
    static final int ACTIONS = 5000;
    static final int SERVICES = 500;

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnomalyBaselines baselines;
    @Autowired
    AnomalyCycle cycle;

    private final AnomalyProperties properties = AnomalyProperties.defaults();
    private final Random random = new Random(3);

    @BeforeAll
    void startFromNothing() {
        cycle.stepDown();
        TestIndices.deleteIfExists(client, AnomalyBaselines.INDEX);
    }

    @AfterAll
    void cleanUp() {
        TestIndices.deleteIfExists(client, AnomalyBaselines.INDEX);
    }

    @Test
    void thousands_of_series_round_trip_through_chunk_documents_and_score_alike_afterwards() {
        Detectors original = new Detectors(properties);
        int windows = properties.isolationForest().minWindows() + 10;
        for (int i = 0; i < windows; i++) {
            original.observeWindow(window(i, 1), W, T0.plus(W.multipliedBy(i + 1)));
        }
        original.observeJobs(List.of(new JobActivity("batch", "export", "e-1", T0, T0.plusSeconds(60), null, 1)));
        BaselinePersistence persistence = new BaselinePersistence(baselines);

        int written = persistence.save(original, new BaselinePersistence.Cursors(T0.plus(W.multipliedBy(windows)),
                T0), T0);
        Detectors restored = new Detectors(properties);
        BaselinePersistence.Cursors cursors = persistence.restore(restored).orElseThrow();

        assertThat(written).as("chunk documents of 6 detectors plus the meta document").isGreaterThan(100);
        assertThat(cursors.windows()).isEqualTo(T0.plus(W.multipliedBy(windows)));
        assertThat(restored.seriesByKind()).isEqualTo(original.seriesByKind());
        assertThat(restored.jobs.openRuns()).isEqualTo(1);
        // The next window, with a slow action and an error burst, scores the same with either state.
        WindowFeatures next = window(windows, 8);
        List<Anomaly> fromOriginal = original.observeWindow(next, W, T0.plus(W.multipliedBy(windows + 1)));
        List<Anomaly> fromRestored = restored.observeWindow(next, W, T0.plus(W.multipliedBy(windows + 1)));
        // (The shared isolation forest is refitted on restore, not saved: combinations are compared by presence.)
        assertThat(singleMetric(fromOriginal)).hasSizeGreaterThanOrEqualTo(6);
        assertThat(singleMetric(fromRestored)).extracting(Anomaly::id, Anomaly::score)
                .containsExactlyInAnyOrderElementsOf(singleMetric(fromOriginal).stream()
                        .map(a -> org.assertj.core.groups.Tuple.tuple(a.id(), a.score())).toList());

        // Only what changed since the last save is written again: after a feedback, one action series' chunk.
        persistence.save(original, cursors, T0);
        assertThat(original.duration.learnNormal(singleMetric(fromOriginal).stream()
                .filter(a -> a.entity().type().equals("action")).findFirst().orElseThrow()).learned()).isTrue();
        assertThat(persistence.save(original, cursors, T0)).isEqualTo(2);
        assertThat(persistence.save(original, cursors, T0)).as("nothing changed: the meta document only")
                .isEqualTo(1);
    }

    private static List<Anomaly> singleMetric(List<Anomaly> anomalies) {
        return anomalies.stream().filter(a -> a.kind() != io.logwarden.anomaly.AnomalyKind.MULTIVARIATE).toList();
    }

    /** One window: ACTIONS action series (the first {@code slow} of them 10x slower) and SERVICES services. */
    private WindowFeatures window(int i, int slowFactor) {
        Instant start = T0.plus(W.multipliedBy(i));
        List<ActionWindow> actions = new ArrayList<>();
        List<ServiceWindow> services = new ArrayList<>();
        List<HostWindow> hosts = new ArrayList<>();
        for (int a = 0; a < ACTIONS; a++) {
            double p95 = 200 * Math.exp(0.1 * random.nextGaussian()) * (a < 3 ? slowFactor : 1);
            actions.add(new ActionWindow("svc-" + a % SERVICES, "action-" + a, start, 50, p95));
        }
        for (int s = 0; s < SERVICES; s++) {
            long events = 500 + random.nextInt(50);
            long errors = slowFactor > 1 && s < 3 ? events / 2 : events / 100;
            services.add(new ServiceWindow("svc-" + s, start, events, errors,
                    200 * Math.exp(0.1 * random.nextGaussian()), 40 + random.nextInt(5)));
            hosts.add(new HostWindow("host-" + s, start, events));
        }
        return new WindowFeatures(start, services, actions, hosts, 0);
    }
}
