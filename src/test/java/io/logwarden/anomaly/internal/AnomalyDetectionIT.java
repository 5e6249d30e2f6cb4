package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyDetectedEvent;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyService;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.Severity;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

/**
 * The detectors end to end against real Elasticsearch: a day of normal events (in 2023, apart from other tests'
 * data), then injected anomalies of each kind. The steps build on each other: learn, detect, restart, feedback.
 */
@LogwardenIntegrationTest
@TestPropertySource(properties = {"logwarden.anomaly.enabled=false", "logwarden.anomaly.history=1d"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnomalyDetectionIT {

    static final Instant T = Instant.parse("2023-06-05T12:00:00Z");
    static final Duration W = Duration.ofMinutes(5);

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnomalyCycle cycle;
    @Autowired
    AnomalyService service;
    @Autowired
    Published published;

    private final Random random = new Random(42);
    private List<Anomaly> detected;

    @TestConfiguration
    static class Listener {
        @Bean
        Published published() {
            return new Published();
        }
    }

    static class Published {
        final List<Anomaly> anomalies = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AnomalyDetectedEvent e) {
            anomalies.add(e.anomaly());
        }
    }

    @BeforeAll
    void index_a_normal_day_then_the_injected_anomalies() throws IOException {
        // A clean slate when the test Elasticsearch is shared across runs (ES_URL): indices are deleted by name.
        for (Instant day : List.of(T.minus(Duration.ofDays(1)), T)) {
            deleteIfExists(IndexNames.eventsIndex(day));
            deleteIfExists(IndexNames.daily(IndexNames.ANOMALIES, day));
        }
        deleteIfExists(io.logwarden.storage.AnomalyBaselines.INDEX);
        List<Map<String, Object>> events = new ArrayList<>();
        for (Instant w = T.minus(Duration.ofDays(1)); w.isBefore(T.plus(Duration.ofMinutes(25))); w = w.plus(W)) {
            boolean injected = !w.isBefore(T) && w.isBefore(T.plus(Duration.ofMinutes(15)));
            boolean afterRestart = !w.isBefore(T.plus(Duration.ofMinutes(15))) && w.isBefore(T.plus(Duration.ofMinutes(20)));
            for (int i = 0; i < 20; i++) {
                Instant at = w.plusSeconds(i * 15L);
                // checkout: PAY takes ~200 ms; slow in the first injected window and again after the restart
                boolean slow = w.equals(T) || afterRestart;
                events.add(event(at, "checkout", "web-1", "info", "PAY",
                        (slow ? 2500 : 200 * Math.exp(0.1 * random.nextGaussian()))));
                // orders: 1% errors, a burst of 15 in 20 in the second injected window
                boolean burst = w.equals(T.plus(W));
                events.add(event(at, "orders", "web-2", burst && i < 15 || random.nextDouble() < 0.01 ? "error"
                        : "info", null, Double.NaN));
                // inventory: steady, silent during the injected windows
                if (!injected) {
                    events.add(event(at, "inventory", "web-3", "info", null, Double.NaN));
                }
                // catalog: always normal, must raise nothing
                events.add(event(at, "catalog", "web-4", random.nextDouble() < 0.01 ? "error" : "info", "LIST",
                        100 * Math.exp(0.1 * random.nextGaussian())));
            }
        }
        // nightly: twelve runs of ~10 minutes with a heartbeat a minute, then one whose heartbeats stop
        for (int run = 0; run < 12; run++) {
            Instant start = T.minus(Duration.ofHours(20)).plus(Duration.ofHours(run));
            events.add(job(start, "run-" + run, "started"));
            for (int m = 1; m < 10; m++) {
                events.add(job(start.plus(Duration.ofMinutes(m)), "run-" + run, "heartbeat"));
            }
            events.add(job(start.plus(Duration.ofMinutes(10 + run % 2)), "run-" + run, "succeeded"));
        }
        Instant stuckStart = T.plus(Duration.ofMinutes(1));
        events.add(job(stuckStart, "run-stuck", "started"));
        events.add(job(stuckStart.plus(Duration.ofMinutes(1)), "run-stuck", "heartbeat"));
        events.add(job(stuckStart.plus(Duration.ofMinutes(2)), "run-stuck", "heartbeat"));
        bulk(events);
    }

    @Test
    @Order(1)
    void learns_a_normal_day_and_raises_nothing_on_it() {
        AnomalyCycle.Result r = cycle.runCycle(T.plusSeconds(1));
        assertThat(r.windowsFrom()).isEqualTo(T.minus(Duration.ofDays(1)));
        assertThat(r.anomalies()).isEmpty();
    }

    @Test
    @Order(2)
    void finds_each_injected_anomaly_with_its_entity_and_severity() {
        AnomalyCycle.Result r = cycle.runCycle(T.plus(Duration.ofMinutes(15)).plusSeconds(1));
        detected = r.anomalies();

        assertThat(find(AnomalyKind.DURATION, AnomalyEntity.action("checkout", "PAY")).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(find(AnomalyKind.ERROR_RATE, AnomalyEntity.service("orders")).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(find(AnomalyKind.SILENT_SOURCE, AnomalyEntity.service("inventory")).severity())
                .isIn(Severity.MEDIUM, Severity.HIGH);
        Anomaly stuck = find(AnomalyKind.STUCK_JOB, AnomalyEntity.job("nightly", "run-stuck"));
        assertThat(stuck.severity()).isIn(Severity.MEDIUM, Severity.HIGH);
        assertThat(stuck.explanation()).startsWith("no heartbeat from job nightly run run-stuck");
        // normal series raise nothing; services with an injected anomaly may also show it as a combination
        assertThat(detected).allSatisfy(a -> assertThat(a.entity().name())
                .isIn("PAY", "checkout", "orders", "inventory", "web-3", "nightly"));
        assertThat(published.anomalies).containsAll(detected);
        assertThat(service.list(T, T.plus(Duration.ofMinutes(15)), 0, 100)).extracting(Anomaly::id)
                .containsAll(detected.stream().map(Anomaly::id).distinct().toList());
        assertThat(service.systemScore(/* now is long after: the period is empty */).anomalies()).isZero();
    }

    @Test
    @Order(3)
    void keeps_its_baselines_across_a_restart() {
        cycle.persist(T.plus(Duration.ofMinutes(15)));
        cycle.forgetInMemoryState();

        AnomalyCycle.Result r = cycle.runCycle(T.plus(Duration.ofMinutes(20)).plusSeconds(1));

        // only the one new window was processed: finding the slow PAY needs the restored baseline
        assertThat(r.windowsFrom()).isEqualTo(T.plus(Duration.ofMinutes(15)));
        assertThat(r.anomalies()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.DURATION);
            assertThat(a.entity()).isEqualTo(AnomalyEntity.action("checkout", "PAY"));
        });
    }

    @Test
    @Order(4)
    void a_false_positive_is_recorded_and_lowers_the_score_of_the_same_behaviour() {
        Anomaly slow = find(AnomalyKind.DURATION, AnomalyEntity.action("checkout", "PAY"));
        assertThat(service.markFalsePositive(slow.id())).isPresent();
        assertThat(service.find(slow.id())).hasValueSatisfying(
                a -> assertThat(a.status()).isEqualTo(AnomalyStatus.FALSE_POSITIVE));

        // the next window has the same slow PAY (indexed below): it scores lower than before the feedback
        List<Map<String, Object>> events = new ArrayList<>();
        Instant w = T.plus(Duration.ofMinutes(25));
        for (int i = 0; i < 20; i++) {
            events.add(event(w.plusSeconds(i * 15L), "checkout", "web-1", "info", "PAY", 2500));
        }
        bulkUnchecked(events);
        AnomalyCycle.Result r = cycle.runCycle(T.plus(Duration.ofMinutes(30)).plusSeconds(1));
        double after = r.anomalies().stream().filter(a -> a.kind() == AnomalyKind.DURATION)
                .mapToDouble(Anomaly::score).max().orElse(0);
        assertThat(after).isLessThan(slow.score());
        assertThat(service.acknowledge("no-such-anomaly")).isFalse();
    }

    private Anomaly find(AnomalyKind kind, AnomalyEntity entity) {
        return detected.stream().filter(a -> a.kind() == kind && a.entity().equals(entity)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " anomaly for " + entity + " in " + detected));
    }

    private static Map<String, Object> event(Instant at, String service, String host, String level, String action,
                                             double durationMillis) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", at.toString());
        e.put("message", "test event");
        e.put("log", Map.of("level", level));
        e.put("service", Map.of("name", service));
        e.put("host", Map.of("name", host));
        e.put("user", Map.of("id", "u" + Math.floorMod(at.getEpochSecond() / 15, 7)));
        Map<String, Object> ev = new LinkedHashMap<>();
        if (action != null) {
            ev.put("action", action);
        }
        if (!Double.isNaN(durationMillis)) {
            ev.put("duration", Math.round(durationMillis * 1_000_000));
        }
        if (!ev.isEmpty()) {
            e.put("event", ev);
        }
        return e;
    }

    private static Map<String, Object> job(Instant at, String id, String state) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", at.toString());
        e.put("message", "job " + state);
        e.put("log", Map.of("level", "info"));
        e.put("service", Map.of("name", "scheduler"));
        e.put("host", Map.of("name", "batch-1"));
        e.put("job", Map.of("id", id, "name", "nightly", "state", state));
        return e;
    }

    private void deleteIfExists(String index) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            client.indices().delete(d -> d.index(index));
        }
    }

    private void bulkUnchecked(List<Map<String, Object>> events) {
        try {
            bulk(events);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void bulk(List<Map<String, Object>> events) throws IOException {
        for (int from = 0; from < events.size(); from += 5000) {
            BulkRequest.Builder b = new BulkRequest.Builder();
            for (Map<String, Object> e : events.subList(from, Math.min(events.size(), from + 5000))) {
                Instant at = Instant.parse((String) e.get("@timestamp"));
                b.operations(o -> o.index(i -> i.index(IndexNames.eventsIndex(at)).document(e)));
            }
            BulkResponse response = client.bulk(b.build());
            assertThat(response.errors()).as("bulk errors").isFalse();
        }
        client.indices().refresh(r -> r.index(IndexNames.pattern(IndexNames.EVENTS)));
    }
}
