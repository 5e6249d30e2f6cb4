package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.QuietHours;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Noise control with the real evaluator and Elasticsearch: snooze, quiet hours, throttling, acknowledge. */
@LogwardenIntegrationTest
class AlertNoiseIT {

    @Autowired
    ApplicationContext context;

    private AlertTestRig rig;

    @BeforeEach
    void start() {
        rig = new AlertTestRig(context);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private void changeState(AlertRule rule, java.util.function.UnaryOperator<AlertState> change) {
        String id = AlertState.idOf(rule.id(), "");
        var current = rig.store.get(AlertIndices.STATE, id, AlertState.class).orElseThrow();
        assertThat(rig.store.replace(AlertIndices.STATE, id, change.apply(current.document()), current.version()))
                .isPresent();
    }

    @Test
    void a_snoozed_group_stays_silent_and_notifies_once_the_snooze_is_over_if_still_firing() {
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag)));
        AlertRule rule = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(60), 0,
                new NoiseControl(Duration.ofMinutes(5), null, null));
        RuleEvaluator evaluator = rig.evaluator("a");
        assertThat(rig.run(evaluator, rule, rig.t0)).containsExactly("FIRING:");
        changeState(rule, s -> s.snooze("bob", rig.t0.plus(Duration.ofMinutes(30))));

        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(6)))).as("re-notify due, but snoozed")
                .isEmpty();
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(20)))).isEmpty();
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(31)))).containsExactly("FIRING:");
        assertThat(rig.received()).containsExactly("FIRING:", "FIRING:");
        assertThat(rig.history(rule)).containsOnlyOnce("suppressed");
    }

    @Test
    void quiet_hours_hold_a_notification_until_they_end_and_critical_rules_bypass_them() {
        LocalTime now = rig.t0.atZone(ZoneOffset.UTC).toLocalTime();
        QuietHours quiet = new QuietHours(now.minusMinutes(30), now.plusMinutes(30), ZoneOffset.UTC, Severity.CRITICAL);
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag)));
        AlertRule high = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofHours(2), 0,
                new NoiseControl(null, null, quiet));
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, high, rig.t0)).as("held back").isEmpty();
        assertThat(rig.run(evaluator, high, rig.t0.plus(Duration.ofMinutes(20)))).isEmpty();
        assertThat(rig.run(evaluator, high, rig.t0.plus(Duration.ofMinutes(31)))).containsExactly("FIRING:");
        assertThat(rig.received()).containsExactly("FIRING:");

        AlertRule critical = new AlertRule(high.id() + "-critical", high.name(), null, true, high.kind(),
                Severity.CRITICAL, high.query(), null, null, high.window(), 0.0, null, high.noise(), null, null,
                high.channels(), "admin", high.scope(), rig.t0, rig.t0);
        assertThat(rig.run(evaluator, critical, rig.t0)).as("critical ignores quiet hours")
                .containsExactly("FIRING:");
    }

    @Test
    void throttling_holds_back_notifications_beyond_the_hourly_limit() {
        for (String user : List.of("u1", "u2", "u3")) {
            rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag), "user",
                    Map.of("name", user)));
        }
        AlertRule rule = rig.rule(RuleKind.COUNT_THRESHOLD, "event.action:" + rig.tag, "user.name",
                Duration.ofMinutes(10), 0, new NoiseControl(null, 2, null));
        RuleEvaluator evaluator = rig.evaluator("a");

        assertThat(rig.run(evaluator, rule, rig.t0)).hasSize(2);
        assertThat(rig.run(evaluator, rule, rig.t0.plusSeconds(60))).isEmpty();
        assertThat(rig.received()).hasSize(2);
        assertThat(rig.history(rule)).contains("suppressed");
    }

    @Test
    void acknowledged_alert_is_not_renotified_and_state_write_is_conditional() {
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag)));
        AlertRule rule = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(30), 0,
                new NoiseControl(Duration.ofMinutes(5), null, null));
        RuleEvaluator evaluator = rig.evaluator("a");
        rig.run(evaluator, rule, rig.t0);
        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(5)))).containsExactly("FIRING:");

        changeState(rule, s -> s.acknowledge("bob", rig.t0.plus(Duration.ofMinutes(6))));

        assertThat(rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(11)))).isEmpty();
        assertThat(rig.store.get(AlertIndices.STATE, AlertState.idOf(rule.id(), ""), AlertState.class).orElseThrow()
                .document().acknowledgedBy()).isEqualTo("bob");
        assertThat(rig.received()).hasSize(2);
    }
}
