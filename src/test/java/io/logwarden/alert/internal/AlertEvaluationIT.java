package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.HealthChangedEvent;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import io.logwarden.alert.internal.channel.HttpSender;
import io.logwarden.alert.internal.channel.RecordingHttpServer;
import io.logwarden.alert.internal.channel.WebhookChannelProvider;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import io.logwarden.storage.AnomalyScores;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each rule kind against real Elasticsearch: fires exactly once, resolves; leases, de-dup, throttling, retries. */
@LogwardenIntegrationTest
class AlertEvaluationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    VersionedDocumentStore store;
    @Autowired
    EventCounts counts;
    @Autowired
    SignalBuffer signals;
    @Autowired
    AlertStateMachine machine;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    AnomalyScores anomalyScores;

    private RecordingHttpServer hook;
    private DeliveryService delivery;
    private final List<Duration> waits = new ArrayList<>();
    private final String tag = "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void start() throws Exception {
        hook = new RecordingHttpServer();
        AlertProperties.Delivery settings = new AlertProperties.Delivery(4, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5));
        delivery = new DeliveryService(new ChannelRegistry(List.of(new WebhookChannelProvider(
                new HttpSender(settings), java.time.Clock.systemUTC()))), settings, waits::add);
    }

    @AfterEach
    void stop() {
        hook.close();
        delivery.close();
    }

    private RuleEvaluator evaluator(String instance) {
        return new RuleEvaluator(instance, store, counts, signals, machine, delivery, Duration.ofMinutes(2));
    }

    private AlertRule rule(RuleKind kind, String query, String groupBy, Duration window, double threshold,
                           NoiseControl noise) {
        return new AlertRule("it-" + tag + "-" + kind.name().toLowerCase(), kind + " " + tag, null, true, kind,
                Severity.HIGH, query, null, groupBy, window, threshold, Duration.ofMinutes(1), noise, null,
                "{{rule.name}} {{status}} for {{group}} value {{value}}",
                List.of(new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", hook.url("/hook")))), "admin",
                ScopeFilter.UNRESTRICTED, t0, t0);
    }

    private void event(Instant at, Map<String, Object> fields) {
        Map<String, Object> doc = new HashMap<>(fields);
        doc.put("@timestamp", at.toString());
        doc.put("message", "alert IT event " + tag);
        store.put(IndexNames.eventsIndex(at), UUID.randomUUID().toString(), doc);
    }

    /** Evaluates and waits for the deliveries it started; returns the statuses notified. */
    private List<String> run(RuleEvaluator evaluator, AlertRule rule, Instant now) {
        RuleEvaluator.Outcome outcome = evaluator.evaluate(rule, now);
        outcome.deliveries().join();
        return outcome.notifications().stream().map(n -> n.status().name() + ":" + n.groupKey()).toList();
    }

    private List<String> received() {
        List<String> out = new ArrayList<>();
        for (RecordingHttpServer.Request r : hook.requests()) {
            JsonNode body = JSON.readTree(r.body());
            out.add(body.get("status").asString().toUpperCase() + ":" + body.get("group").asString());
        }
        return out;
    }

    private List<String> history(AlertRule rule) {
        return store.search(IndexNames.pattern(IndexNames.ALERTS), Map.of("rule.id", rule.id()),
                        List.of(new VersionedDocumentStore.Sort("@timestamp", false)), 100, AlertTransition.class)
                .stream().map(v -> v.document().state()).toList();
    }

    @Test
    void count_threshold_per_user_fires_once_then_resolves() {
        for (int i = 0; i < 6; i++) {
            event(t0.minusSeconds(60 + i), Map.of("event", Map.of("action", "LOGIN_FAILED_" + tag),
                    "user", Map.of("name", "alice")));
        }
        event(t0.minusSeconds(30), Map.of("event", Map.of("action", "LOGIN_FAILED_" + tag), "user", Map.of("name", "bob")));
        AlertRule rule = rule(RuleKind.COUNT_THRESHOLD, "event.action:LOGIN_FAILED_" + tag, "user.name",
                Duration.ofMinutes(5), 5, NoiseControl.NONE);
        RuleEvaluator evaluator = evaluator("a");

        assertThat(run(evaluator, rule, t0)).containsExactly("FIRING:alice");
        assertThat(run(evaluator, rule, t0.plusSeconds(60))).isEmpty();
        assertThat(run(evaluator, rule, t0.plusSeconds(120))).isEmpty();
        assertThat(run(evaluator, rule, t0.plus(Duration.ofMinutes(6)))).containsExactly("RESOLVED:alice");

        assertThat(received()).containsExactly("FIRING:alice", "RESOLVED:alice");
        assertThat(history(rule)).containsSubsequence("firing", "resolved");
        AlertState state = store.get(AlertIndices.STATE, AlertState.idOf(rule.id(), "alice"), AlertState.class)
                .orElseThrow().document();
        assertThat(state.status()).isEqualTo(AlertStatus.RESOLVED);

        run(evaluator, rule, t0.plus(Duration.ofDays(8)));
        assertThat(store.get(AlertIndices.STATE, AlertState.idOf(rule.id(), "alice"), AlertState.class))
                .as("resolved a week ago: forgotten").isEmpty();
        assertThat(history(rule)).containsSubsequence("firing", "resolved");
    }

    @Test
    void query_match_on_critical_events_fires_once_then_resolves() {
        event(t0.minusSeconds(10), Map.of("log", Map.of("level", "critical"), "event", Map.of("action", tag)));
        AlertRule rule = rule(RuleKind.QUERY_MATCH, "log.level:critical AND event.action:" + tag, null,
                Duration.ofMinutes(5), 0, NoiseControl.NONE);
        RuleEvaluator evaluator = evaluator("a");

        assertThat(run(evaluator, rule, t0)).containsExactly("FIRING:");
        assertThat(run(evaluator, rule, t0.plusSeconds(60))).isEmpty();
        assertThat(run(evaluator, rule, t0.plus(Duration.ofMinutes(6)))).containsExactly("RESOLVED:");
        assertThat(hook.requests()).hasSize(2);
    }

    @Test
    void error_rate_fires_above_the_percentage_then_resolves() {
        String service = "svc-" + tag;
        for (int i = 0; i < 10; i++) {
            event(t0.minusSeconds(100 + i), Map.of("service", Map.of("name", service),
                    "log", Map.of("level", i < 3 ? "error" : "info")));
        }
        AlertRule rule = rule(RuleKind.ERROR_RATE, "service.name:" + service, "service.name", Duration.ofMinutes(10),
                10, NoiseControl.NONE);
        RuleEvaluator evaluator = evaluator("a");

        assertThat(run(evaluator, rule, t0)).containsExactly("FIRING:" + service);
        assertThat(run(evaluator, rule, t0.plusSeconds(60))).isEmpty();
        for (int i = 0; i < 40; i++) {
            event(t0.plusSeconds(100 + i), Map.of("service", Map.of("name", service), "log", Map.of("level", "info")));
        }
        // 3 errors among 50 events: 6 %
        assertThat(run(evaluator, rule, t0.plusSeconds(180))).containsExactly("RESOLVED:" + service);
    }

    @Test
    void absence_fires_when_nothing_arrives_and_resolves_when_events_come_back() {
        AlertRule rule = rule(RuleKind.ABSENCE, "event.action:PAYMENT_RECEIVED_" + tag, null, Duration.ofMinutes(5),
                0, NoiseControl.NONE);
        RuleEvaluator evaluator = evaluator("a");

        assertThat(run(evaluator, rule, t0)).containsExactly("FIRING:");
        assertThat(run(evaluator, rule, t0.plusSeconds(60))).isEmpty();
        event(t0.plusSeconds(90), Map.of("event", Map.of("action", "PAYMENT_RECEIVED_" + tag)));
        assertThat(run(evaluator, rule, t0.plusSeconds(120))).containsExactly("RESOLVED:");
    }

    @Test
    void absence_per_source_flags_the_service_that_went_silent() {
        String quiet = "quiet-" + tag;
        String busy = "busy-" + tag;
        event(t0.minus(Duration.ofMinutes(20)), Map.of("service", Map.of("name", quiet), "labels", Map.of("t", tag)));
        event(t0.minus(Duration.ofMinutes(20)), Map.of("service", Map.of("name", busy), "labels", Map.of("t", tag)));
        event(t0.minus(Duration.ofMinutes(1)), Map.of("service", Map.of("name", busy), "labels", Map.of("t", tag)));
        AlertRule rule = rule(RuleKind.ABSENCE, "service.name:(" + quiet + " OR " + busy + ")", "service.name",
                Duration.ofMinutes(10), 0, NoiseControl.NONE);

        assertThat(run(evaluator("a"), rule, t0)).containsExactly("FIRING:" + quiet);
    }

    @Test
    void anomaly_score_fires_from_application_events_and_resolves_after_the_window() {
        events.publishEvent(new AnomalyDetectedEvent(t0.minusSeconds(30), "rate", "api-" + tag, 93, Severity.HIGH,
                "error burst", "api", null));
        events.publishEvent(new AnomalyDetectedEvent(t0.minusSeconds(30), "rate", "web-" + tag, 40, Severity.LOW,
                "meh", "web", null));
        AlertRule rule = rule(RuleKind.ANOMALY, "", "entity", Duration.ofMinutes(5), 80, NoiseControl.NONE);
        RuleEvaluator evaluator = evaluator("a");

        assertThat(run(evaluator, rule, t0)).containsExactly("FIRING:api-" + tag);
        assertThat(run(evaluator, rule, t0.plusSeconds(60))).isEmpty();
        assertThat(run(evaluator, rule, t0.plus(Duration.ofMinutes(6)))).containsExactly("RESOLVED:api-" + tag);
    }

    @Test
    void anomaly_records_stored_by_the_detectors_fire_within_the_rule_scope() {
        String entity = "svc-" + tag;
        store.put(IndexNames.daily(IndexNames.ANOMALIES, t0), UUID.randomUUID().toString(), Map.of(
                "@timestamp", t0.minusSeconds(20).toString(), "detector", "error-rate", "score", 88.5,
                "entity", Map.of("type", "service", "id", entity), "service", Map.of("name", entity),
                "explanation", "errors x12"));
        AlertRule unscoped = rule(RuleKind.ANOMALY, "", "entity", Duration.ofMinutes(5), 80, NoiseControl.NONE);
        // scoped to this test's service, so anomalies other tests publish stay out
        AlertRule rule = unscoped.withIdentity(unscoped.id(), "ops",
                ScopeFilter.of(Map.of("service.name", Set.of(entity))), t0, t0);
        AlertRule otherScope = new AlertRule(rule.id() + "-other", "other", null, true, RuleKind.ANOMALY,
                Severity.HIGH, "", null, "entity", Duration.ofMinutes(5), 80.0, null, null, null, null, List.of(),
                "ops", ScopeFilter.of(Map.of("service.name", Set.of("someone-else"))), t0, t0);
        RuleEvaluator evaluator = evaluator("a").withAnomalyScores(anomalyScores);

        assertThat(evaluator.observe(otherScope, t0)).isEmpty();
        assertThat(run(evaluator, rule, t0)).containsExactly("FIRING:" + entity);
        JsonNode body = JSON.readTree(hook.requests().getFirst().body());
        assertThat(body.get("fields").get("anomaly.score").asString()).isEqualTo("88.5");
        assertThat(run(evaluator, rule, t0.plus(Duration.ofMinutes(6)))).containsExactly("RESOLVED:" + entity);
    }

    @Test
    void health_degraded_fires_and_resolves_on_recovery() {
        String component = "journal-" + tag;
        events.publishEvent(new HealthChangedEvent(t0.minusSeconds(5), component, true, 0, "disk full"));
        AlertRule rule = rule(RuleKind.HEALTH, component, null, Duration.ofMinutes(5), 0, NoiseControl.NONE);
        RuleEvaluator evaluator = evaluator("a");

        assertThat(run(evaluator, rule, t0)).containsExactly("FIRING:" + component);
        assertThat(run(evaluator, rule, t0.plusSeconds(60))).isEmpty();
        events.publishEvent(new HealthChangedEvent(t0.plusSeconds(70), component, false, 0, "ok"));
        assertThat(run(evaluator, rule, t0.plusSeconds(120))).containsExactly("RESOLVED:" + component);
    }

    @Test
    void two_instances_against_one_cluster_evaluate_a_rule_once() throws Exception {
        event(t0.minusSeconds(10), Map.of("log", Map.of("level", "critical"), "event", Map.of("action", tag)));
        AlertRule rule = rule(RuleKind.QUERY_MATCH, "event.action:" + tag, null, Duration.ofMinutes(5), 0,
                NoiseControl.NONE);
        RuleEvaluator a = evaluator("instance-a");
        RuleEvaluator b = evaluator("instance-b");
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<RuleEvaluator.Outcome>> both = List.of(
                () -> { go.await(); return a.evaluate(rule, t0); },
                () -> { go.await(); return b.evaluate(rule, t0); });
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<RuleEvaluator.Outcome>> futures = both.stream().map(pool::submit).toList();
            go.countDown();
            List<RuleEvaluator.Outcome> outcomes = new ArrayList<>();
            for (Future<RuleEvaluator.Outcome> f : futures) {
                outcomes.add(f.get());
            }
            outcomes.forEach(o -> o.deliveries().join());
            assertThat(outcomes).filteredOn(RuleEvaluator.Outcome::evaluated).hasSize(1);
        }
        assertThat(received()).containsExactly("FIRING:");

        // The holder renews at the next due time; the other instance stays out while the lease is valid.
        assertThat(b.evaluate(rule, t0.plusSeconds(60)).evaluated()
                ^ a.evaluate(rule, t0.plusSeconds(60)).evaluated()).isTrue();
    }

    @Test
    void another_instance_takes_over_an_expired_lease_and_keeps_the_state() {
        event(t0.minusSeconds(10), Map.of("event", Map.of("action", tag)));
        AlertRule rule = rule(RuleKind.QUERY_MATCH, "event.action:" + tag, null, Duration.ofMinutes(10), 0,
                NoiseControl.NONE);

        assertThat(run(evaluator("crashed"), rule, t0)).containsExactly("FIRING:");
        assertThat(evaluator("successor").evaluate(rule, t0.plusSeconds(60)).evaluated()).isFalse();
        RuleEvaluator.Outcome takeOver = evaluator("successor").evaluate(rule, t0.plus(Duration.ofMinutes(3)));
        assertThat(takeOver.evaluated()).isTrue();
        assertThat(takeOver.notifications()).as("still firing: no duplicate").isEmpty();
        assertThat(received()).containsExactly("FIRING:");
    }

    @Test
    void throttling_holds_back_notifications_beyond_the_hourly_limit() {
        for (String user : List.of("u1", "u2", "u3")) {
            event(t0.minusSeconds(10), Map.of("event", Map.of("action", tag), "user", Map.of("name", user)));
        }
        AlertRule rule = rule(RuleKind.COUNT_THRESHOLD, "event.action:" + tag, "user.name", Duration.ofMinutes(10), 0,
                new NoiseControl(null, 2, null));
        RuleEvaluator evaluator = evaluator("a");

        assertThat(run(evaluator, rule, t0)).hasSize(2);
        assertThat(run(evaluator, rule, t0.plusSeconds(60))).isEmpty();
        assertThat(received()).hasSize(2);
        assertThat(history(rule)).contains("suppressed");
    }

    @Test
    void acknowledged_alert_is_not_renotified_and_state_write_is_conditional() {
        event(t0.minusSeconds(10), Map.of("event", Map.of("action", tag)));
        AlertRule rule = rule(RuleKind.QUERY_MATCH, "event.action:" + tag, null, Duration.ofMinutes(30), 0,
                new NoiseControl(Duration.ofMinutes(5), null, null));
        RuleEvaluator evaluator = evaluator("a");
        run(evaluator, rule, t0);
        assertThat(run(evaluator, rule, t0.plus(Duration.ofMinutes(5)))).containsExactly("FIRING:");

        String id = AlertState.idOf(rule.id(), "");
        var current = store.get(AlertIndices.STATE, id, AlertState.class).orElseThrow();
        store.replace(AlertIndices.STATE, id, current.document().acknowledge("bob", t0.plus(Duration.ofMinutes(6))),
                current.version());

        assertThat(run(evaluator, rule, t0.plus(Duration.ofMinutes(11)))).isEmpty();
        assertThat(store.get(AlertIndices.STATE, id, AlertState.class).orElseThrow().document().acknowledgedBy())
                .isEqualTo("bob");
        assertThat(received()).hasSize(2);
    }

    @Test
    void channel_failure_then_recovery_delivers_exactly_once() {
        hook.thenAnswer(500, 503);
        event(t0.minusSeconds(10), Map.of("event", Map.of("action", tag)));
        AlertRule rule = rule(RuleKind.QUERY_MATCH, "event.action:" + tag, null, Duration.ofMinutes(5), 0,
                NoiseControl.NONE);

        assertThat(run(evaluator("a"), rule, t0)).containsExactly("FIRING:");

        assertThat(hook.requests()).hasSize(3);
        assertThat(hook.requests()).extracting(r -> r.header(WebhookChannelProvider.DELIVERY_HEADER)).containsOnly(
                hook.requests().getFirst().header(WebhookChannelProvider.DELIVERY_HEADER));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(history(rule)).contains("notified");
        assertThat(run(evaluator("a"), rule, t0.plusSeconds(60))).isEmpty();
        assertThat(hook.requests()).hasSize(3);
    }

    @Test
    void scope_filter_is_applied_outside_the_user_query() {
        event(t0.minusSeconds(10), Map.of("event", Map.of("action", tag), "service", Map.of("name", "secret-svc")));
        AlertRule scoped = new AlertRule("it-" + tag + "-scoped", "scoped", null, true, RuleKind.QUERY_MATCH,
                Severity.HIGH, "event.action:" + tag + " OR *:*", null, null, Duration.ofMinutes(5), 0.0, null, null,
                null, null, List.of(), "ops", ScopeFilter.of(Map.of("service.name", Set.of("public-svc"))), t0, t0);

        assertThat(evaluator("a").observe(scoped, t0)).singleElement()
                .satisfies(o -> assertThat(o.breached()).isFalse());
    }
}
