package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.HealthChangedEvent;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.health.DomainMetrics;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/** Each rule kind against real Elasticsearch: fires exactly once and resolves; templates get event fields. */
@LogwardenIntegrationTest
class AlertEvaluationIT {

    @Autowired
    ApplicationContext context;
    @Autowired
    ApplicationEventPublisher events;

    private AlertTestRig rig;

    @BeforeEach
    void start() {
        rig = new AlertTestRig(context);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void count_threshold_per_user_fires_once_then_resolves() {
        for (int i = 0; i < 6; i++) {
            rig.event(rig.t0.minusSeconds(60 + i), Map.of("event", Map.of("action", "LOGIN_FAILED_" + rig.tag),
                    "user", Map.of("name", "alice")));
        }
        rig.event(rig.t0.minusSeconds(30), Map.of("event", Map.of("action", "LOGIN_FAILED_" + rig.tag),
                "user", Map.of("name", "bob")));
        AlertRule rule = rig.rule(RuleKind.COUNT_THRESHOLD, "event.action:LOGIN_FAILED_" + rig.tag, "user.name",
                Duration.ofMinutes(5), 5, NoiseControl.NONE);
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, rule, rig.t0)).containsExactly("FIRING:alice");
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(60))).isEmpty();
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(120))).isEmpty();
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(6)))).containsExactly("RESOLVED:alice");

        assertThat(rig.received()).containsExactly("FIRING:alice", "RESOLVED:alice");
        assertThat(rig.history(rule)).containsSubsequence("firing", "resolved");
        AlertState state = rig.store.get(AlertIndices.STATE, AlertState.idOf(rule.id(), "alice"), AlertState.class)
                .orElseThrow().document();
        assertThat(state.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(state.id()).as("the id does not reveal the group value").doesNotContain("YWxpY2U");

        rig.run(evaluator, rule, rig.t0.plus(Duration.ofDays(8)));
        assertThat(rig.store.get(AlertIndices.STATE, AlertState.idOf(rule.id(), "alice"), AlertState.class))
                .as("resolved a week ago: forgotten").isEmpty();
    }

    @Test
    void query_match_fires_once_resolves_and_the_message_shows_the_first_and_last_matching_event() {
        rig.event(rig.t0.minusSeconds(50), Map.of("log", Map.of("level", "critical"), "event",
                Map.of("action", rig.tag), "message", "payment 1 declined", "service", Map.of("name", "checkout"),
                "host", Map.of("name", "web-1")));
        rig.event(rig.t0.minusSeconds(10), Map.of("log", Map.of("level", "critical"), "event",
                Map.of("action", rig.tag), "message", "payment 2 declined", "service", Map.of("name", "billing"),
                "host", Map.of("name", "web-2")));
        AlertRule base = rig.rule(RuleKind.QUERY_MATCH, "log.level:critical AND event.action:" + rig.tag, null,
                Duration.ofMinutes(5), 0, NoiseControl.NONE);
        AlertRule rule = new AlertRule(base.id(), base.name(), null, true, base.kind(), base.severity(), base.query(),
                null, null, base.window(), 0.0, null, null, null,
                "{{count}} failed, first: {{first.message}} on {{first.host}}, last: {{last.message}}"
                        + " ({{last.service}}, {{last.level}}) at {{last.timestamp}}",
                base.channels(), "admin", ScopeFilter.UNRESTRICTED, rig.t0, rig.t0);
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, rule, rig.t0)).containsExactly("FIRING:");
        assertThat(rig.receivedBodies().getFirst().get("message").asString()).isEqualTo(
                "2 failed, first: payment 1 declined on web-1, last: payment 2 declined (billing, critical) at "
                        + rig.t0.minusSeconds(10));
        assertThat(rig.receivedBodies().getFirst().get("link").asString())
                .startsWith("http://localhost:8080/search?q=log.level%3Acritical%20AND%20event.action%3A" + rig.tag)
                .contains("&from=").contains("&to=");
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(60))).isEmpty();
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(6)))).containsExactly("RESOLVED:");
        assertThat(rig.hook.requests()).hasSize(2);
    }

    @Test
    void error_rate_fires_above_the_percentage_with_the_errors_in_the_message_then_resolves() {
        String service = "svc-" + rig.tag;
        for (int i = 0; i < 10; i++) {
            rig.event(rig.t0.minusSeconds(100 + i), Map.of("service", Map.of("name", service),
                    "log", Map.of("level", i < 3 ? "error" : "info"), "message", i < 3 ? "db timeout " + i : "ok"));
        }
        AlertRule base = rig.rule(RuleKind.ERROR_RATE, "service.name:" + service, "service.name",
                Duration.ofMinutes(10), 10, NoiseControl.NONE);
        AlertRule rule = new AlertRule(base.id(), base.name(), null, true, base.kind(), base.severity(), base.query(),
                null, "service.name", base.window(), 10.0, null, null, null,
                "{{group}}: {{value}}% ({{count}} of {{total}}), latest error: {{last.message}}", base.channels(),
                "admin", ScopeFilter.UNRESTRICTED, rig.t0, rig.t0);
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, rule, rig.t0)).containsExactly("FIRING:" + service);
        assertThat(rig.receivedBodies().getFirst().get("message").asString())
                .isEqualTo(service + ": 30% (3 of 10), latest error: db timeout 0");
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(60))).isEmpty();
        for (int i = 0; i < 40; i++) {
            rig.event(rig.t0.plusSeconds(100 + i), Map.of("service", Map.of("name", service),
                    "log", Map.of("level", "info")));
        }
        // 3 errors among 50 events: 6 %
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(180))).containsExactly("RESOLVED:" + service);
        assertThat(rig.received()).containsExactly("FIRING:" + service, "RESOLVED:" + service);
    }

    @Test
    void absence_fires_when_nothing_arrives_and_resolves_when_events_come_back() {
        AlertRule rule = rig.rule(RuleKind.ABSENCE, "event.action:PAYMENT_RECEIVED_" + rig.tag, null,
                Duration.ofMinutes(5), 0, NoiseControl.NONE);
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, rule, rig.t0)).containsExactly("FIRING:");
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(60))).isEmpty();
        rig.event(rig.t0.plusSeconds(90), Map.of("event", Map.of("action", "PAYMENT_RECEIVED_" + rig.tag)));
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(120))).containsExactly("RESOLVED:");
    }

    @Test
    void grouped_absence_keeps_firing_while_the_source_stays_silent_and_resolves_when_it_is_back() {
        String quiet = "quiet-" + rig.tag;
        String busy = "busy-" + rig.tag;
        rig.event(rig.t0.minus(Duration.ofMinutes(20)), Map.of("service", Map.of("name", quiet)));
        rig.event(rig.t0.minus(Duration.ofMinutes(20)), Map.of("service", Map.of("name", busy)));
        rig.event(rig.t0.minus(Duration.ofMinutes(1)), Map.of("service", Map.of("name", busy)));
        AlertRule rule = rig.rule(RuleKind.ABSENCE, "service.name:(" + quiet + " OR " + busy + ")", "service.name",
                Duration.ofMinutes(10), 0, NoiseControl.NONE);
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, rule, rig.t0)).containsExactly("FIRING:" + quiet);
        // 3 hours later the quiet source is long out of the 60 min baseline: it must still be firing, silently
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofHours(3)))).isEmpty();
        assertThat(rig.store.get(AlertIndices.STATE, AlertState.idOf(rule.id(), quiet), AlertState.class)
                .orElseThrow().document().status()).isEqualTo(AlertStatus.FIRING);
        rig.event(rig.t0.plus(Duration.ofHours(3)).plusSeconds(30), Map.of("service", Map.of("name", quiet)));
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofHours(3)).plusSeconds(60)))
                .containsExactly("RESOLVED:" + quiet);
        assertThat(rig.received()).containsExactly("FIRING:" + quiet, "RESOLVED:" + quiet);
    }

    @Test
    void anomaly_score_fires_from_published_anomalies_links_to_the_anomaly_and_resolves() {
        events.publishEvent(new AnomalyDetectedEvent(rig.t0.minusSeconds(30), "rate", "api-" + rig.tag, 93,
                Severity.HIGH, "error burst", "api", null, "anomaly-" + rig.tag));
        events.publishEvent(new AnomalyDetectedEvent(rig.t0.minusSeconds(30), "rate", "web-" + rig.tag, 40,
                Severity.LOW, "meh", "web", null));
        AlertRule rule = rig.rule(RuleKind.ANOMALY, "", "entity", Duration.ofMinutes(5), 80, NoiseControl.NONE);
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, rule, rig.t0)).containsExactly("FIRING:api-" + rig.tag);
        assertThat(rig.receivedBodies().getFirst().get("link").asString())
                .isEqualTo("http://localhost:8080/anomalies?id=anomaly-" + rig.tag);
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(60))).isEmpty();
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(6)))).containsExactly("RESOLVED:api-"
                + rig.tag);
    }

    @Test
    void anomaly_records_fire_by_the_severity_stored_in_the_index_within_the_rule_scope() {
        String entity = "svc-" + rig.tag;
        String other = "other-" + rig.tag;
        rig.user("ops-" + rig.tag, Set.of("OPERATIONS"), Set.of(entity, other));
        for (Object[] a : new Object[][]{{entity, 72.0, "high"}, {other, 65.0, "medium"}}) {
            rig.store.put(IndexNames.daily(IndexNames.ANOMALIES, rig.t0), UUID.randomUUID().toString(), Map.of(
                    "@timestamp", rig.t0.minusSeconds(20).toString(), "id", "id-" + a[0], "detector", "error_rate",
                    "score", a[1], "severity", a[2], "entity", Map.of("type", "service", "id", a[0]),
                    "service", Map.of("name", a[0]), "explanation", "errors x12",
                    "window", Map.of("start", rig.t0.minusSeconds(320).toString(),
                            "end", rig.t0.minusSeconds(20).toString())));
        }
        AlertRule base = rig.rule(RuleKind.ANOMALY, "", "entity", Duration.ofMinutes(5), 0, NoiseControl.NONE,
                "ops-" + rig.tag, List.of(rig.webhook()));
        AlertRule rule = new AlertRule(base.id(), base.name(), null, true, RuleKind.ANOMALY, Severity.HIGH, "", null,
                "entity", base.window(), 0.0, null, null, null, "{{anomaly.severity}} {{anomaly.score}}",
                base.channels(), base.owner(), ScopeFilter.UNRESTRICTED, rig.t0, rig.t0, Severity.HIGH, null);
        RuleEvaluator evaluator = rig.evaluator("a", rig.outbox("a"), true);

        assertThat(rig.run(evaluator, rule, rig.t0)).as("only the high one, and only in the owner's scope")
                .containsExactly("FIRING:" + entity);
        JsonNode body = rig.receivedBodies().getFirst();
        assertThat(body.get("message").asString()).isEqualTo("high 72.0");
        assertThat(body.get("link").asString()).endsWith("/anomalies?id=id-" + entity);
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(6)))).containsExactly("RESOLVED:" + entity);
    }

    @Test
    void health_degraded_fires_and_resolves_on_recovery() {
        String component = "journal-" + rig.tag;
        events.publishEvent(new HealthChangedEvent(rig.t0.minusSeconds(5), component, true, 0, "disk full"));
        AlertRule rule = rig.rule(RuleKind.HEALTH, component, null, Duration.ofMinutes(5), 0, NoiseControl.NONE);
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, rule, rig.t0)).containsExactly("FIRING:" + component);
        assertThat(rig.receivedBodies().getFirst().get("link").asString()).isEqualTo("http://localhost:8080/system");
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(60))).isEmpty();
        events.publishEvent(new HealthChangedEvent(rig.t0.plusSeconds(70), component, false, 0, "ok"));
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(120))).containsExactly("RESOLVED:" + component);
    }

    @Test
    void slow_user_searches_fire_a_search_latency_rule_through_the_health_poll() {
        DomainMetrics metrics = rig.bean(DomainMetrics.class);
        FeatureSignalBridge bridge = rig.bean(FeatureSignalBridge.class);
        bridge.pollHealth(); // baseline: only searches after this count
        for (int i = 0; i < 20; i++) {
            metrics.recordSearch(Duration.ofMillis(i < 18 ? 2500 : 100), true);
        }
        bridge.pollHealth();
        AlertRule rule = new AlertRule("it-" + rig.tag + "-latency", "Slow searches " + rig.tag, null, true,
                RuleKind.HEALTH, Severity.HIGH, "search.latency", null, null, Duration.ofMinutes(5), 1000.0, null,
                null, null, "{{health.details}}", List.of(rig.webhook()), "admin", ScopeFilter.UNRESTRICTED,
                rig.t0, rig.t0);
        RuleEvaluator evaluator = rig.evaluator("a");

        java.time.Instant now = java.time.Instant.now();
        assertThat(rig.run(evaluator, rule, now)).containsExactly("FIRING:search.latency");
        assertThat(rig.receivedBodies().getFirst().get("message").asString()).startsWith("p95 ").contains("20 searches");
        bridge.pollHealth(); // no searches since: latency 0
        assertThat(rig.run(evaluator, rule, now.plusSeconds(60))).containsExactly("RESOLVED:search.latency");
    }

    @Test
    void a_component_degraded_on_another_instance_fires_a_health_rule_evaluated_here() {
        String component = "ingest-" + rig.tag;
        rig.store.put(AlertIndices.SIGNALS, "other-instance|" + component, new HealthSignals.Stored(
                "other-instance", component, true, 0, "journal full on the other instance", rig.t0.minusSeconds(30)));
        rig.store.put(AlertIndices.SIGNALS, "stopped-instance|" + component, new HealthSignals.Stored(
                "stopped-instance", component, true, 0, "half a day old", rig.t0.minus(Duration.ofHours(12))));
        AlertRule rule = new AlertRule("it-" + rig.tag + "-remote", "Remote " + rig.tag, null, true,
                RuleKind.HEALTH, Severity.HIGH, component, null, null, Duration.ofMinutes(5), 0.0, null, null, null,
                "{{health.details}}", List.of(rig.webhook()), "admin", ScopeFilter.UNRESTRICTED, rig.t0, rig.t0);

        assertThat(rig.run(rig.evaluator("a"), rule, rig.t0)).containsExactly("FIRING:" + component);
        assertThat(rig.receivedBodies().getFirst().get("message").asString())
                .isEqualTo("journal full on the other instance");
    }

    @Test
    void scope_filter_is_applied_outside_the_user_query() {
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag), "service",
                Map.of("name", "secret-svc")));
        AlertRule scoped = new AlertRule("it-" + rig.tag + "-scoped", "scoped", null, true, RuleKind.QUERY_MATCH,
                Severity.HIGH, "event.action:" + rig.tag + " OR *:*", null, null, Duration.ofMinutes(5), 0.0, null,
                null, null, null, List.of(), "ops", ScopeFilter.of(Map.of("service.name", Set.of("public-svc"))),
                rig.t0, rig.t0);
        RuleObserver observer = new RuleObserver(rig.counts, rig.bean(SignalBuffer.class),
                rig.bean(HealthSignals.class), null);

        assertThat(observer.observe(scoped, rig.t0, Set.of())).singleElement()
                .satisfies(o -> assertThat(o.breached()).isFalse());
    }
}
