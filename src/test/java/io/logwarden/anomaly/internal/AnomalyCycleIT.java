package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.storage.AnomalyBaselines;
import io.logwarden.storage.AnomalyFeatureQueries;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.SingletonLease;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.testsupport.TestIndices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cycle's coordination against real Elasticsearch: one instance at a time under the lease (another takes over
 * when it steps down or its lease expires, and reloads the saved state), and windows held back for late events.
 */
@AnomalyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyCycleIT {

    static final Instant DAY = Instant.parse("2023-07-10T00:00:00Z");

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnomalyCycle cycle;
    @Autowired
    AnomalyProperties properties;
    @Autowired
    AnomalyFeatureQueries features;
    @Autowired
    AnomalyRecorder recorder;
    @Autowired
    FeedbackApplier feedback;
    @Autowired
    AnomalyBaselines baselines;
    @Autowired
    VersionedDocumentStore store;
    @Autowired
    AnomalyMetrics metrics;

    @BeforeAll
    void index_a_day_of_two_services() {
        TestIndices.deleteIfExists(client, IndexNames.eventsIndex(DAY));
        TestIndices.deleteIfExists(client, IndexNames.eventsIndex(DAY.plus(Duration.ofDays(1))));
        List<Map<String, Object>> events = new ArrayList<>();
        for (Instant w = DAY; w.isBefore(DAY.plus(Duration.ofHours(26))); w = w.plus(Duration.ofMinutes(5))) {
            for (int i = 0; i < 10; i++) {
                Instant at = w.plusSeconds(i * 30L);
                events.add(AnomalyTestEvents.event(at, "billing", "app-1", "info", "INVOICE", 120, "u" + i, null));
                events.add(AnomalyTestEvents.event(at, "mailer", "app-2", "info", null, Double.NaN, "u" + i, null));
            }
        }
        AnomalyTestEvents.bulk(client, events);
    }

    @BeforeEach
    void startFromNothing() {
        cycle.stepDown();
        TestIndices.deleteIfExists(client, AnomalyBaselines.INDEX);
        store.delete(SingletonLease.INDEX, AnomalyCycle.LEASE);
        cycle.forgetInMemoryState();
    }

    @AfterAll
    void releaseTheLease() {
        cycle.stepDown();
    }

    @Test
    void only_one_of_two_instances_runs_and_the_other_takes_over_with_the_saved_state_when_it_steps_down() {
        AnomalyCycle other = instance("instance-b", Clock.systemUTC());
        Instant now = DAY.plus(Duration.ofHours(25));

        AnomalyCycle.Result first = cycle.runCycle(now);
        AnomalyCycle.Result skipped = other.runCycle(now);

        assertThat(first.ran()).isTrue();
        assertThat(skipped.ran()).isFalse();
        assertThat(other.state()).isEmpty();
        AnomalyCycle.State before = cycle.state().orElseThrow();
        assertThat(before.series().values().stream().mapToInt(Integer::intValue).sum()).isPositive();

        cycle.stepDown();
        AnomalyCycle.Result takenOver = other.runCycle(now.plus(Duration.ofMinutes(10)));

        assertThat(takenOver.ran()).isTrue();
        assertThat(takenOver.windowsFrom()).as("resumes where the first left off").isEqualTo(before.windowsUntil());
        assertThat(other.state().orElseThrow().series()).isEqualTo(before.series());
        assertThat(cycle.runCycle(now.plus(Duration.ofMinutes(10))).ran()).isFalse();
        other.stepDown();
    }

    @Test
    void an_instance_takes_over_the_expired_lease_of_one_that_stopped_answering() {
        Instant now = DAY.plus(Duration.ofHours(25));
        assertThat(cycle.runCycle(now).ran()).isTrue();
        cycle.persist(now);
        // The first instance goes silent without stepping down; six minutes later its lease has expired.
        Clock later = Clock.offset(Clock.systemUTC(), properties.leaseDuration().plusMinutes(1));
        AnomalyCycle other = instance("instance-c", later);

        AnomalyCycle.Result r = other.runCycle(now.plus(Duration.ofMinutes(5)));

        assertThat(r.ran()).isTrue();
        assertThat(r.windowsFrom()).isEqualTo(now);
        other.stepDown();
    }

    @Test
    void of_several_instances_taking_a_free_lease_at_once_exactly_one_gets_it() throws Exception {
        String name = "test-" + UUID.randomUUID();
        int instances = 6;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                SingletonLease lease = new SingletonLease(store, name, "owner-" + i, Duration.ofMinutes(1));
                Callable<Boolean> take = () -> {
                    start.await();
                    return lease.acquire(Instant.now()).held();
                };
                results.add(pool.submit(take));
            }
            start.countDown();
            int held = 0;
            for (Future<Boolean> f : results) {
                held += f.get() ? 1 : 0;
            }
            assertThat(held).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            store.delete(SingletonLease.INDEX, name);
        }
    }

    @Test
    void windows_wait_for_late_events_while_ingest_lags_but_never_longer_than_max_lag() {
        Instant now = Instant.parse("2023-07-12T12:00:00Z");
        TestIndices.deleteIfExists(client, IndexNames.eventsIndex(now));
        AnomalyCycle lagging = new AnomalyCycle(withLag(Duration.ofMinutes(1), Duration.ofMinutes(15)), features,
                recorder, feedback, baselines, new SingletonLease(store, "unused", "x", Duration.ofMinutes(1)),
                metrics);

        assertThat(lagging.safeUntil(now)).as("nothing received lately: wait, but only max-lag")
                .isEqualTo(now.minus(Duration.ofMinutes(15)));
        AnomalyTestEvents.bulk(client, List.of(ingested(now.minus(Duration.ofMinutes(6)),
                now.minus(Duration.ofMinutes(5)))));
        assertThat(lagging.safeUntil(now)).as("ingest stalled 5 minutes ago")
                .isEqualTo(now.minus(Duration.ofMinutes(5)));
        AnomalyTestEvents.bulk(client, List.of(ingested(now.minusSeconds(20), now.minusSeconds(2))));
        assertThat(lagging.safeUntil(now)).as("ingest current: the lag").isEqualTo(now.minus(Duration.ofMinutes(1)));
    }

    private static Map<String, Object> ingested(Instant at, Instant ingested) {
        Map<String, Object> e = new java.util.LinkedHashMap<>(AnomalyTestEvents.event(at, "late", "app-9", "info",
                null, Double.NaN, null, null));
        e.put("event", Map.of("ingested", ingested.toString()));
        return e;
    }

    private AnomalyProperties withLag(Duration lag, Duration maxLag) {
        AnomalyProperties p = properties;
        return new AnomalyProperties(p.enabled(), p.interval(), p.window(), p.history(), p.mediumThreshold(),
                p.highThreshold(), p.reportThreshold(), p.baselineCapacity(), p.minHistory(), p.seasonalMinDays(),
                p.systemScorePeriod(), p.maxSeriesPerKind(), lag, maxLag, p.leaseDuration(), p.persistInterval(),
                p.alertMaxAge(), p.jobs(), p.silence(), p.isolationForest());
    }

    private AnomalyCycle instance(String owner, Clock clock) {
        AnomalyCycle c = new AnomalyCycle(properties, features, recorder, feedback, baselines,
                new SingletonLease(store, AnomalyCycle.LEASE, owner, properties.leaseDuration()), metrics);
        c.useClock(clock.withZone(ZoneOffset.UTC));
        return c;
    }
}
