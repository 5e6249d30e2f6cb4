package io.logwarden.alert.internal.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.alert.HealthChangedEvent;
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
    void health_uses_the_latest_report_per_component() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        List<Observation> obs = Conditions.health(rule(RuleKind.HEALTH, null, 0, ""), List.of(
                new HealthChangedEvent(t.plusSeconds(5), "elasticsearch", false, 0, "green"),
                new HealthChangedEvent(t, "elasticsearch", true, 0, "red"),
                new HealthChangedEvent(t, "journal", true, 0, "disk full")));
        assertThat(obs).extracting(Observation::group, Observation::breached).containsExactly(
                org.assertj.core.groups.Tuple.tuple("elasticsearch", false),
                org.assertj.core.groups.Tuple.tuple("journal", true));
    }

    @Test
    void health_threshold_catches_slow_queries() {
        List<Observation> obs = Conditions.health(rule(RuleKind.HEALTH, null, 2000, "search.latency"), List.of(
                new HealthChangedEvent(Instant.now(), "search.latency", false, 3500, "p95 3.5 s"),
                new HealthChangedEvent(Instant.now(), "journal", true, 0, "other component")));
        assertThat(obs).singleElement().satisfies(o -> assertThat(o.breached()).isTrue());
    }
}
