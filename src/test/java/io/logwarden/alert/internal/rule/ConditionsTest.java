package io.logwarden.alert.internal.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static AlertRule rule(RuleKind kind, String groupBy, double threshold, String query) {
        return new AlertRule("r", "r", null, true, kind, Severity.HIGH, query, null, groupBy, Duration.ofMinutes(5),
                threshold, null, null, null, null, List.of(), "admin", null, null, null);
    }

    @Test
    void count_breaches_only_above_the_threshold() {
        assertThat(Conditions.count(rule(RuleKind.COUNT_THRESHOLD, "user.name", 5, "x"),
                Map.of("alice", 6L, "bob", 5L)))
                .extracting(Observation::group, Observation::breached)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", true),
                        org.assertj.core.groups.Tuple.tuple("bob", false));
    }

    @Test
    void query_match_fires_on_any_match_with_the_default_threshold() {
        assertThat(Conditions.count(rule(RuleKind.QUERY_MATCH, null, 0, "log.level:critical"), Map.of("", 1L)))
                .singleElement().satisfies(o -> assertThat(o.breached()).isTrue());
        assertThat(Conditions.count(rule(RuleKind.QUERY_MATCH, null, 0, "log.level:critical"), Map.of("", 0L)))
                .singleElement().satisfies(o -> assertThat(o.breached()).isFalse());
    }

    @Test
    void error_rate_is_a_percentage_per_group() {
        List<Observation> obs = Conditions.errorRate(rule(RuleKind.ERROR_RATE, "service.name", 10, ""),
                Map.of("api", 100L, "web", 50L, "idle", 0L), Map.of("api", 11L, "web", 5L));
        assertThat(obs).extracting(Observation::group, Observation::value, Observation::breached).containsExactly(
                org.assertj.core.groups.Tuple.tuple("api", 11.0, true),
                org.assertj.core.groups.Tuple.tuple("idle", 0.0, false),
                org.assertj.core.groups.Tuple.tuple("web", 10.0, false));
    }

    @Test
    void absence_without_group_breaches_when_nothing_matched() {
        AlertRule rule = rule(RuleKind.ABSENCE, null, 0, "event.action:PAYMENT_RECEIVED");
        assertThat(Conditions.absence(rule, Map.of(), Set.of())).singleElement()
                .satisfies(o -> assertThat(o.breached()).isTrue());
        assertThat(Conditions.absence(rule, Map.of("", 3L), Set.of())).singleElement()
                .satisfies(o -> assertThat(o.breached()).isFalse());
    }

    @Test
    void absence_per_group_flags_sources_that_went_silent() {
        List<Observation> obs = Conditions.absence(rule(RuleKind.ABSENCE, "service.name", 0, ""),
                Map.of("api", 4L), Set.of("api", "billing"));
        assertThat(obs).extracting(Observation::group, Observation::breached).containsExactly(
                org.assertj.core.groups.Tuple.tuple("api", false),
                org.assertj.core.groups.Tuple.tuple("billing", true));
    }

    @Test
    void anomaly_takes_the_worst_score_per_entity() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        List<Observation> obs = Conditions.anomaly(rule(RuleKind.ANOMALY, "entity", 80, ""), List.of(
                new AnomalyDetectedEvent(t, "rate", "api", 60, Severity.MEDIUM, "x", "api", null),
                new AnomalyDetectedEvent(t, "rate", "api", 91.5, Severity.HIGH, "spike", "api", null),
                new AnomalyDetectedEvent(t, "rate", "web", 50, Severity.LOW, "y", "web", null)));
        assertThat(obs).extracting(Observation::group, Observation::breached).containsExactly(
                org.assertj.core.groups.Tuple.tuple("api", true), org.assertj.core.groups.Tuple.tuple("web", false));
        assertThat(obs.getFirst().fields()).containsEntry("anomaly.score", "91.5").containsEntry("event.message", "spike");
    }

    @Test
    void anomaly_rule_with_a_severity_fires_only_from_that_band_up() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        AlertRule base = rule(RuleKind.ANOMALY, "entity", 0, "");
        AlertRule highOnly = new AlertRule(base.id(), base.name(), null, true, RuleKind.ANOMALY, Severity.HIGH, "",
                null, "entity", base.window(), 0.0, null, null, null, null, List.of(), "admin",
                base.scope(), null, null, Severity.HIGH, null);
        List<Observation> obs = Conditions.anomaly(highOnly, List.of(
                new AnomalyDetectedEvent(t, "rate", "api", 75, Severity.HIGH, "spike", "api", null, "a-1"),
                new AnomalyDetectedEvent(t, "rate", "web", 55, Severity.MEDIUM, "meh", "web", null, "a-2"),
                new AnomalyDetectedEvent(t, "rate", "db", 95, null, "unknown band", "db", null, null)));
        assertThat(obs).extracting(Observation::group, Observation::breached).containsExactly(
                org.assertj.core.groups.Tuple.tuple("api", true), org.assertj.core.groups.Tuple.tuple("db", false),
                org.assertj.core.groups.Tuple.tuple("web", false));
        assertThat(obs.getFirst().fields()).containsEntry("anomaly.id", "a-1").containsEntry("anomaly.severity", "high");
    }

    @Test
    void health_uses_the_latest_report_per_component() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        List<Observation> obs = Conditions.health(rule(RuleKind.HEALTH, null, 0, ""), List.of(
                new HealthReport("a", "elasticsearch", false, 0, "green", t.plusSeconds(5)),
                new HealthReport("a", "elasticsearch", true, 0, "red", t),
                new HealthReport("a", "journal", true, 0, "disk full", t)));
        assertThat(obs).extracting(Observation::group, Observation::breached).containsExactly(
                org.assertj.core.groups.Tuple.tuple("elasticsearch", false),
                org.assertj.core.groups.Tuple.tuple("journal", true));
    }

    @Test
    void health_component_breaches_when_any_instance_reports_it_degraded() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        List<Observation> obs = Conditions.health(rule(RuleKind.HEALTH, null, 0, "ingest"), List.of(
                new HealthReport("a", "ingest", false, 0, "ok", t.plusSeconds(30)),
                new HealthReport("b", "ingest", true, 0, "journal full", t)));
        assertThat(obs).singleElement().satisfies(o -> {
            assertThat(o.breached()).isTrue();
            assertThat(o.fields()).containsEntry("health.details", "journal full");
        });
    }

    @Test
    void health_threshold_catches_slow_queries() {
        List<Observation> obs = Conditions.health(rule(RuleKind.HEALTH, null, 2000, "search.latency"), List.of(
                new HealthReport("a", "search.latency", false, 3500, "p95 3500 ms", Instant.now()),
                new HealthReport("b", "search.latency", false, 100, "p95 100 ms", Instant.now()),
                new HealthReport("a", "journal", true, 0, "other component", Instant.now())));
        assertThat(obs).singleElement().satisfies(o -> {
            assertThat(o.breached()).isTrue();
            assertThat(o.value()).isEqualTo(3500);
        });
    }
}
