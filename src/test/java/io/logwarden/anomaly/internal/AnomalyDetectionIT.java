package io.logwarden.anomaly.internal;

import static io.logwarden.anomaly.internal.AnomalyScenario.D0;
import static io.logwarden.anomaly.internal.AnomalyScenario.Injection.INVENTORY_SILENT;
import static io.logwarden.anomaly.internal.AnomalyScenario.Injection.ORDERS_BURST;
import static io.logwarden.anomaly.internal.AnomalyScenario.Injection.SEARCH_COMBINATION;
import static io.logwarden.anomaly.internal.AnomalyScenario.Injection.SLOW_LIST;
import static io.logwarden.anomaly.internal.AnomalyScenario.Injection.SLOW_PAY;
import static io.logwarden.anomaly.internal.AnomalyScenario.Injection.TWINS_SLOW_AND_FAILING;
import static io.logwarden.anomaly.internal.AnomalyScenario.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.LogwardenApplication;
import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyDetectedEvent;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyService;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.Learning;
import io.logwarden.anomaly.Severity;
import io.logwarden.anomaly.SystemAnomalyScore;
import io.logwarden.audit.AuditService;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.AnomalyBaselines;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.SingletonLease;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.TestElasticsearch;
import io.logwarden.testsupport.TestIndices;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The detectors end to end against real Elasticsearch, feature extraction included: two normal days (2023, apart
 * from other tests' data, see {@link AnomalyScenario}), then injected anomalies of each kind. The steps build on each
 * other: learn, detect, re-detect, restart in a new application context, feedback, scopes, metrics, catch-up.
 */
@AnomalyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnomalyDetectionIT {

    static final Duration W = AnomalyScenario.W;

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnomalyCycle cycle;
    @Autowired
    AnomalyService service;
    @Autowired
    Published published;
    @Autowired
    DocumentStore documents;
    @Autowired
    VersionedDocumentStore versioned;
    @Autowired
    AuditService audit;
    @LocalServerPort
    int port;

    private List<Anomaly> detected;
    private final Instant startedAt = Instant.now();

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
    void index_two_normal_days_then_the_injections() {
        for (int day = 0; day < 3; day++) {
            Instant d = D0.plus(Duration.ofDays(day));
            TestIndices.deleteIfExists(client, IndexNames.eventsIndex(d));
            TestIndices.deleteIfExists(client, IndexNames.daily(IndexNames.ANOMALIES, d));
        }
        TestIndices.deleteIfExists(client, AnomalyBaselines.INDEX);
        versioned.delete(SingletonLease.INDEX, AnomalyCycle.LEASE);
        cycle.forgetInMemoryState();

        AnomalyScenario scenario = new AnomalyScenario();
        List<Map<String, Object>> events = new ArrayList<>(scenario.windows(D0, T));
        events.addAll(AnomalyScenario.jobRuns(D0, T));
        events.addAll(AnomalyScenario.stuckRuns());
        events.addAll(scenario.windows(T, at(5), SLOW_PAY, INVENTORY_SILENT));
        events.addAll(scenario.windows(at(5), at(10), ORDERS_BURST, INVENTORY_SILENT));
        events.addAll(scenario.windows(at(10), at(15), SEARCH_COMBINATION, INVENTORY_SILENT));
        events.addAll(scenario.windows(at(15), at(20), INVENTORY_SILENT));
        events.addAll(scenario.windows(at(20), at(25), SLOW_PAY, ORDERS_BURST, SEARCH_COMBINATION,
                INVENTORY_SILENT));
        events.addAll(scenario.windows(at(25), at(35), TWINS_SLOW_AND_FAILING, INVENTORY_SILENT));
        events.addAll(scenario.windows(at(35), at(60)));
        events.addAll(scenario.windows(at(60), at(65), SLOW_LIST));
        events.addAll(scenario.windows(at(65), at(170)));
        events.addAll(scenario.windows(at(170), at(175), SLOW_LIST));
        events.addAll(scenario.windows(at(175), at(180)));
        AnomalyTestEvents.bulk(client, events);

        documents.save(IndexNames.USERS, "acme-ops", new UserAccount("acme-ops", "{noop}x", Set.of(Roles.OPERATIONS),
                new AccessScope(Set.of("acme"), Set.of(), Set.of()), true, Instant.now()));
        documents.save(IndexNames.USERS, "checkout-viewer", new UserAccount("checkout-viewer", "{noop}x",
                Set.of(Roles.VIEWER), new AccessScope(Set.of(), Set.of("checkout"), Set.of()), true, Instant.now()));
    }

    @BeforeEach
    void logInAsAdmin() {
        logIn(TestUsers.ADMIN, Roles.ADMIN);
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    void releaseTheLease() {
        cycle.stepDown();
    }

    @Test
    @Order(1)
    void learns_a_normal_day_then_raises_nothing_above_low_on_a_whole_second_normal_day() {
        AnomalyCycle.Result cold = cycle.runCycle(D0.plus(Duration.ofDays(1)));
        AnomalyCycle.Result secondDay = cycle.runCycle(T);

        assertThat(cold.ran()).isTrue();
        assertThat(cold.windowsFrom()).isEqualTo(D0);
        assertThat(cold.anomalies()).isEmpty();
        // Resumed from the cursor: all 288 windows of the day are scored and would be recorded.
        assertThat(secondDay.windowsFrom()).isEqualTo(D0.plus(Duration.ofDays(1)));
        assertThat(secondDay.windowsTo()).isEqualTo(T);
        // About 40 series x 288 windows scored: nothing that alerts or counts in the system score (medium or more),
        // and only a few "low" scores (z about 4: a p95 from 20 events, 3 errors in 20 where 1% is usual)
        assertThat(secondDay.anomalies()).allSatisfy(a -> assertThat(a.severity()).isEqualTo(Severity.LOW))
                .hasSizeLessThanOrEqualTo(10);
        assertThat(published.anomalies).allSatisfy(a -> assertThat(a.severity()).isEqualTo(Severity.LOW));
        // 24 runs of each job finished in the two days: each learned once, although every cycle saw job events
        assertThat(cycle.detectors().jobs.baselines().get("nightly").durations.size()).isEqualTo(24);
        assertThat(cycle.detectors().jobs.baselines().get("reindex").durations.size()).isEqualTo(24);
    }

    @Test
    @Order(2)
    void finds_each_injected_anomaly_with_its_entity_and_exact_severity() {
        int publishedBefore = published.anomalies.size();
        AnomalyCycle.Result r = cycle.runCycle(at(15).plusSeconds(1));
        detected = r.anomalies();

        assertThat(find(AnomalyKind.DURATION, AnomalyEntity.action("checkout", "PAY")).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(find(AnomalyKind.ERROR_RATE, AnomalyEntity.service("orders")).severity())
                .isEqualTo(Severity.HIGH);
        // 3 silent windows of a source that sends 20 per window: -ln P = 60, z = 10.8, score 76
        assertThat(find(AnomalyKind.SILENT_SOURCE, AnomalyEntity.service("inventory")).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(find(AnomalyKind.SILENT_SOURCE, AnomalyEntity.host("web-3")).severity())
                .isEqualTo(Severity.HIGH);
        // Heartbeats stopped: last one at T+3m, typical gap 63 s, limit 3 gaps; at T+15m 721 s silent
        Anomaly heartbeat = find(AnomalyKind.STUCK_JOB, AnomalyEntity.job("scheduler", "nightly", "run-stuck"));
        assertThat(heartbeat.explanation()).startsWith("no heartbeat from job nightly (scheduler) run run-stuck");
        assertThat(heartbeat.score()).isEqualTo(rounded(Scoring.fromExceedance(721 / 189.0, 40)));
        assertThat(heartbeat.severity()).isEqualTo(Severity.HIGH);
        // Long-running: 901 s against p99 (330 s) x 1.5, no heartbeats involved
        Anomaly longRun = find(AnomalyKind.STUCK_JOB, AnomalyEntity.job("indexer", "reindex", "reindex-long"));
        assertThat(longRun.explanation()).startsWith("job reindex (indexer) run reindex-long running for 15m");
        assertThat(longRun.score()).isEqualTo(rounded(Scoring.fromExceedance(
                901 / AnomalyScenario.REINDEX_LIMIT_SECONDS, 40)));
        assertThat(longRun.severity()).isEqualTo(Severity.MEDIUM);
        Anomaly combination = find(AnomalyKind.MULTIVARIATE, AnomalyEntity.service("search"));
        assertThat(combination.severity()).isEqualTo(Severity.HIGH);
        assertThat(combination.explanation()).contains("distinct users 6").contains("volume 42")
                .endsWith("(each usual on its own, not together)");

        // nothing else: catalog, the twins and the other hosts are normal
        assertThat(detected).hasSize(7);
        assertThat(find(AnomalyKind.DURATION, AnomalyEntity.action("checkout", "PAY")).tenants())
                .containsExactly("acme");
        assertThat(combination.tenants()).containsExactly("acme", "globex");
        assertThat(published.anomalies.subList(publishedBefore, published.anomalies.size()))
                .containsExactlyInAnyOrderElementsOf(detected);
        assertThat(service.list(T, at(15), 0, 100)).extracting(Anomaly::id)
                .containsExactlyInAnyOrderElementsOf(detected.stream().map(Anomaly::id).toList());
    }

    @Test
    @Order(3)
    void an_acknowledged_ongoing_anomaly_stays_acknowledged_and_is_not_published_again() {
        Anomaly silence = find(AnomalyKind.SILENT_SOURCE, AnomalyEntity.service("inventory"));
        assertThat(service.acknowledge(silence.id())).isTrue();
        int publishedBefore = published.anomalies.size();

        AnomalyCycle.Result r = cycle.runCycle(at(20).plusSeconds(1));

        Anomaly again = r.anomalies().stream().filter(a -> a.id().equals(silence.id())).findFirst().orElseThrow();
        assertThat(again.windowStart()).isEqualTo(T);
        assertThat(again.windowEnd()).isEqualTo(at(20));
        assertThat(again.score()).isGreaterThan(silence.score());
        Anomaly stored = service.find(silence.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(AnomalyStatus.ACKNOWLEDGED);
        assertThat(auditTrail("anomaly.acknowledge")).anySatisfy(rec -> assertAudited(rec, silence, TestUsers.ADMIN));
        assertThat(stored.score()).isEqualTo(again.score());
        assertThat(stored.detectedAt()).isEqualTo(silence.detectedAt());
        // the silences and the silent nightly run go on at the same severity: updated, not news; the long run has
        // grown from medium to high (1201 s against 495 s), which is news
        assertThat(r.anomalies()).extracting(Anomaly::kind)
                .contains(AnomalyKind.SILENT_SOURCE, AnomalyKind.STUCK_JOB);
        Anomaly longRun = find(AnomalyKind.STUCK_JOB, AnomalyEntity.job("indexer", "reindex", "reindex-long"));
        assertThat(published.anomalies.subList(publishedBefore, published.anomalies.size())).singleElement()
                .satisfies(a -> {
                    assertThat(a.id()).isEqualTo(longRun.id());
                    assertThat(a.score()).isEqualTo(rounded(Scoring.fromExceedance(
                            1201 / AnomalyScenario.REINDEX_LIMIT_SECONDS, 40)));
                    assertThat(a.severity()).isEqualTo(Severity.HIGH);
                });
    }

    @Test
    @Order(4)
    void the_system_score_summarises_the_anomalies_active_in_the_period() {
        SystemAnomalyScore score = service.systemScore(at(15), at(20));
        // active then: the silences (service and host) and the two stuck runs, begun earlier and still going
        assertThat(score.anomalies()).isEqualTo(4);
        double highest = service.list(at(15), at(20), 30, 100).stream().mapToDouble(Anomaly::score).max()
                .orElseThrow();
        // 4 anomalies of medium or more: the highest score plus 10 log10(4)
        assertThat(score.score()).isEqualTo(Math.min(100, rounded(highest + 10 * Math.log10(4))));
        assertThat(score.severity()).isEqualTo(Severity.HIGH);
        assertThat(score.mediumThreshold()).isEqualTo(40);
        assertThat(service.systemScore().anomalies()).as("the last hour of now, years later").isZero();
    }

    @Test
    @Order(5)
    void a_new_application_context_restores_every_detector_and_finds_the_next_anomalies() {
        AnomalyCycle.State before = cycle.state().orElseThrow();
        cycle.stepDown();
        try (ConfigurableApplicationContext restarted = startAnotherInstance()) {
            AnomalyCycle other = restarted.getBean(AnomalyCycle.class);
            AnomalyCycle.Result r = other.runCycle(at(25).plusSeconds(1));

            assertThat(r.ran()).isTrue();
            assertThat(r.windowsFrom()).as("resumed from the saved cursor").isEqualTo(at(20));
            AnomalyCycle.State after = other.state().orElseThrow();
            assertThat(after.series()).isEqualTo(before.series());
            assertThat(after.openJobRuns()).isEqualTo(2);
            // each detector finds its anomaly in the one new window only with its restored state
            assertThat(r.anomalies()).anySatisfy(a -> assertThat(a.entity())
                    .isEqualTo(AnomalyEntity.action("checkout", "PAY")));
            assertThat(r.anomalies()).anySatisfy(a -> {
                assertThat(a.kind()).isEqualTo(AnomalyKind.ERROR_RATE);
                assertThat(a.entity()).isEqualTo(AnomalyEntity.service("orders"));
            });
            assertThat(r.anomalies()).anySatisfy(a -> {
                assertThat(a.kind()).isEqualTo(AnomalyKind.MULTIVARIATE);
                assertThat(a.entity()).isEqualTo(AnomalyEntity.service("search"));
            });
            // silence and stuck runs continue the same anomalies: their streak and open runs were restored
            assertThat(r.anomalies()).extracting(Anomaly::id).contains(
                    find(AnomalyKind.SILENT_SOURCE, AnomalyEntity.service("inventory")).id(),
                    find(AnomalyKind.STUCK_JOB, AnomalyEntity.job("scheduler", "nightly", "run-stuck")).id(),
                    find(AnomalyKind.STUCK_JOB, AnomalyEntity.job("indexer", "reindex", "reindex-long")).id());
        }
        assertThat(cycle.runsDetectors()).isFalse();
    }

    @Test
    @Order(6)
    void feedback_lowers_the_score_of_a_false_positive_against_its_unmarked_twin() {
        AnomalyCycle.Result first = cycle.runCycle(at(30).plusSeconds(1));
        assertThat(first.ran()).as("this instance takes the lease back and reloads").isTrue();
        Anomaly slowA = in(first, AnomalyKind.DURATION, AnomalyEntity.action("shop-a", "CHECKOUT"));
        Anomaly slowB = in(first, AnomalyKind.DURATION, AnomalyEntity.action("shop-b", "CHECKOUT"));
        Anomaly burstA = in(first, AnomalyKind.ERROR_RATE, AnomalyEntity.service("shop-a"));
        Anomaly burstB = in(first, AnomalyKind.ERROR_RATE, AnomalyEntity.service("shop-b"));
        assertThat(slowA.score()).isEqualTo(slowB.score());
        assertThat(burstA.score()).isEqualTo(burstB.score());
        Anomaly host = in(first, AnomalyKind.SILENT_SOURCE, AnomalyEntity.host("web-3"));
        Anomaly longRun = in(first, AnomalyKind.STUCK_JOB, AnomalyEntity.job("indexer", "reindex", "reindex-long"));
        Anomaly combination = find(AnomalyKind.MULTIVARIATE, AnomalyEntity.service("search"));
        List<Anomaly> marked = List.of(slowA, burstA, host, longRun, combination);
        for (Anomaly a : marked) {
            assertThat(service.markFalsePositive(a.id())).hasValueSatisfying(m -> {
                assertThat(m.status()).isEqualTo(AnomalyStatus.FALSE_POSITIVE);
                assertThat(m.learning()).isEqualTo(Learning.PENDING);
            });
        }

        assertThat(auditTrail("anomaly.false_positive")).hasSize(marked.size())
                .anySatisfy(rec -> assertAudited(rec, slowA, TestUsers.ADMIN));

        // The next window repeats the same behaviour for both twins; the host is still silent, the run still going.
        AnomalyCycle.Result next = cycle.runCycle(at(35).plusSeconds(1));

        for (Anomaly a : marked) {
            assertThat(service.find(a.id()).orElseThrow().learning()).as(a.kind() + " " + a.entity().key())
                    .isEqualTo(Learning.LEARNED);
        }
        double slowAAfter = score(next, AnomalyKind.DURATION, AnomalyEntity.action("shop-a", "CHECKOUT"));
        double slowBAfter = score(next, AnomalyKind.DURATION, AnomalyEntity.action("shop-b", "CHECKOUT"));
        double burstAAfter = score(next, AnomalyKind.ERROR_RATE, AnomalyEntity.service("shop-a"));
        double burstBAfter = score(next, AnomalyKind.ERROR_RATE, AnomalyEntity.service("shop-b"));
        assertThat(slowBAfter).as("unmarked twin").isGreaterThanOrEqualTo(40);
        assertThat(slowAAfter).as("marked twin").isLessThan(slowBAfter);
        assertThat(burstBAfter).as("unmarked twin").isGreaterThanOrEqualTo(40);
        assertThat(burstAAfter).as("marked twin").isLessThan(burstBAfter);
        assertThat(score(next, AnomalyKind.SILENT_SOURCE, AnomalyEntity.host("web-3"))).as("excused silence")
                .isZero();
        assertThat(score(next, AnomalyKind.SILENT_SOURCE, AnomalyEntity.service("inventory")))
                .as("the service's own silence was not marked").isGreaterThanOrEqualTo(70);
        assertThat(score(next, AnomalyKind.STUCK_JOB, AnomalyEntity.job("indexer", "reindex", "reindex-long")))
                .isLessThan(longRun.score());
        assertThat(service.find(longRun.id()).orElseThrow().status()).as("re-detection keeps the review")
                .isEqualTo(AnomalyStatus.FALSE_POSITIVE);
    }

    @Test
    @Order(7)
    void a_tenant_scoped_user_sees_only_anomalies_of_their_tenant_and_a_viewer_only_their_service() {
        List<Anomaly> all = service.list(T, at(40), 0, 500);
        logIn("acme-ops", Roles.OPERATIONS);
        List<Anomaly> acme = service.list(T, at(40), 0, 500);
        logIn("checkout-viewer", Roles.VIEWER);
        List<Anomaly> checkout = service.list(T, at(40), 0, 500);
        SystemAnomalyScore checkoutScore = service.systemScore(T, at(40));

        assertThat(all).extracting(a -> a.entity().name()).contains("inventory", "search", "web-3", "reindex");
        assertThat(acme).isNotEmpty().allSatisfy(a -> assertThat(a.tenants()).containsExactly("acme"))
                .extracting(a -> a.entity().service()).containsOnly("checkout", "orders", "shop-a");
        assertThat(checkout).isNotEmpty().allSatisfy(a -> assertThat(a.entity().service()).isEqualTo("checkout"));
        assertThat(checkoutScore.anomalies()).isEqualTo(checkout.size());
        String inventory = find(AnomalyKind.SILENT_SOURCE, AnomalyEntity.service("inventory")).id();
        assertThat(service.find(inventory)).isEmpty();
        assertThatThrownBy(() -> service.acknowledge(checkout.getFirst().id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(service.mayReview()).isFalse();
        logIn("acme-ops", Roles.OPERATIONS);
        assertThat(service.acknowledge(inventory)).as("outside the tenant").isFalse();
        assertThat(service.mayReview()).isTrue();
    }

    @Test
    @Order(8)
    void anonymous_callers_are_refused() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> service.list(T, at(40), 0, 10)).isInstanceOf(
                org.springframework.security.core.AuthenticationException.class);
    }

    @Test
    @Order(9)
    void cycle_metrics_are_on_the_prometheus_endpoint() {
        var response = new HttpTestClient(URI.create("http://localhost:" + port)).get("/actuator/prometheus",
                TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .containsPattern("(?m)^logwarden_anomaly_cycle_seconds_count(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^logwarden_anomaly_series\\{[^}]*kind=\"duration\"[^}]*} [1-9]")
                .containsPattern("(?m)^logwarden_anomaly_detected_total\\{[^}]*kind=\"silent_source\"[^}]*"
                        + "severity=\"high\"[^}]*} [1-9]")
                .containsPattern("(?m)^logwarden_anomaly_cycles_total\\{[^}]*outcome=\"ran\"[^}]*} [1-9]")
                .contains("logwarden_anomaly_series_dropped");
    }

    @Test
    @Order(10)
    void after_downtime_the_missed_windows_are_recorded_but_only_recent_ones_alert() {
        cycle.stepDown();
        int publishedBefore = published.anomalies.size();

        AnomalyCycle.Result r = cycle.runCycle(at(180).plusSeconds(1));

        assertThat(r.windowsFrom()).isEqualTo(at(35));
        AnomalyEntity list = AnomalyEntity.action("catalog", "LIST");
        List<Instant> slowList = r.anomalies().stream().filter(a -> a.kind() == AnomalyKind.DURATION
                && a.entity().equals(list)).map(Anomaly::windowStart).toList();
        assertThat(slowList).as("in %s", r.anomalies()).containsExactlyInAnyOrder(at(60), at(170));
        List<Anomaly> alerted = published.anomalies.subList(publishedBefore, published.anomalies.size());
        assertThat(alerted).allSatisfy(a -> assertThat(a.windowEnd()).isAfter(at(180).minus(Duration.ofMinutes(30))))
                .filteredOn(a -> a.kind() == AnomalyKind.DURATION && a.entity().equals(list))
                .extracting(Anomaly::windowStart).containsExactly(at(170));
    }

    /** The audit records of this action written during this test run. */
    private List<Map<String, Object>> auditTrail(String action) {
        assertThat(audit.flush(java.time.Duration.ofSeconds(30))).isTrue(); // the audit writer stores in the background
        try {
            client.indices().refresh(r -> r.index(IndexNames.pattern(IndexNames.AUDIT)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return audit.search("event.action:\"" + action + "\"", startedAt, Instant.now().plusSeconds(60), 100)
                .records();
    }

    @SuppressWarnings("unchecked")
    private static void assertAudited(Map<String, Object> record, Anomaly a, String user) {
        Map<String, Object> auditFields = (Map<String, Object>) record.get("audit");
        assertThat(((Map<String, Object>) auditFields.get("entity")).get("id")).isEqualTo(a.id());
        assertThat(((Map<String, Object>) record.get("user")).get("name")).isEqualTo(user);
        assertThat(((Map<String, Object>) record.get("details")).get("detector")).isEqualTo(a.kind().id());
    }

    private ConfigurableApplicationContext startAnotherInstance() {
        return new SpringApplicationBuilder(LogwardenApplication.class).run(
                "--logwarden.elasticsearch.url=" + TestElasticsearch.url(),
                "--server.port=0",
                "--logwarden.ingest.tcp.port=0",
                "--logwarden.data-dir=target/it-data-second-instance",
                "--vaadin.productionMode=true",
                "--logwarden.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "--logwarden.anomaly.enabled=false",
                "--logwarden.anomaly.history=1d",
                "--logwarden.anomaly.lag=0s",
                "--logwarden.anomaly.max-lag=0s",
                "--spring.main.banner-mode=off");
    }

    private static Instant at(int minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }

    private static double rounded(double score) {
        return Math.round(score * 10) / 10.0;
    }

    private Anomaly find(AnomalyKind kind, AnomalyEntity entity) {
        return detected.stream().filter(a -> a.kind() == kind && a.entity().equals(entity)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " anomaly for " + entity + " in " + detected));
    }

    private static Anomaly in(AnomalyCycle.Result r, AnomalyKind kind, AnomalyEntity entity) {
        return r.anomalies().stream().filter(a -> a.kind() == kind && a.entity().equals(entity)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " anomaly for " + entity + " in "
                        + r.anomalies()));
    }

    private static double score(AnomalyCycle.Result r, AnomalyKind kind, AnomalyEntity entity) {
        Optional<Anomaly> a = r.anomalies().stream().filter(x -> x.kind() == kind && x.entity().equals(entity))
                .findFirst();
        return a.map(Anomaly::score).orElse(0.0);
    }

    private static void logIn(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }
}
