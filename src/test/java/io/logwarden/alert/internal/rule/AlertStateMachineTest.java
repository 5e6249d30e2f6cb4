package io.logwarden.alert.internal.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.Notification;
import io.logwarden.alert.QuietHours;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.storage.ScopeFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    private final AlertStateMachine machine = new AlertStateMachine((rule, group, fields, from, to) ->
            "http://ui/search?q=" + rule.query() + "&group=" + group);

    /** Runs evaluations like the scheduler does: state and throttle history carried over. */
    private final class Run {
        final AlertRule rule;
        final Map<String, AlertState> states = new HashMap<>();
        List<Instant> recent = new ArrayList<>();
        final List<Notification> sent = new ArrayList<>();
        final List<AlertTransition> history = new ArrayList<>();

        Run(AlertRule rule) {
            this.rule = rule;
        }

        List<Notification> at(Instant now, Observation... observations) {
            Evaluation e = machine.evaluate(rule, states, List.of(observations), recent, now);
            e.states().forEach(s -> states.put(s.group(), s));
            recent = e.recentNotifications();
            sent.addAll(e.notifications());
            history.addAll(e.transitions());
            return e.notifications();
        }
    }

    private static AlertRule rule(NoiseControl noise, Severity severity) {
        return new AlertRule("r1", "Failed logins", null, true, RuleKind.COUNT_THRESHOLD, severity,
                "event.action:LOGIN_FAILED", null, "user.name", Duration.ofMinutes(5), 5.0, Duration.ofMinutes(1),
                noise, null, "{{group}} failed {{count}} times", List.of(), "admin", ScopeFilter.UNRESTRICTED,
                T0, T0);
    }

    private static Observation breach(String group, long count) {
        return new Observation(group, count, true, Map.of("count", Long.toString(count)));
    }

    private static Observation ok(String group) {
        return new Observation(group, 0, false, Map.of());
    }

    @Test
    void fires_once_while_the_condition_holds_and_notifies_resolve_once() {
        Run run = new Run(rule(NoiseControl.NONE, Severity.HIGH));

        assertThat(run.at(T0, breach("alice", 7))).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(n.groupKey()).isEqualTo("alice");
            assertThat(n.fields()).containsEntry("count", "7").containsEntry("value", "7")
                    .containsEntry("threshold", "5").containsEntry("window", "5m");
            assertThat(n.link()).contains("LOGIN_FAILED");
        });
        assertThat(run.at(T0.plusSeconds(60), breach("alice", 9))).isEmpty();
        assertThat(run.at(T0.plusSeconds(120), breach("alice", 8))).isEmpty();
        assertThat(run.at(T0.plusSeconds(180), ok("alice"))).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED));
        assertThat(run.at(T0.plusSeconds(240), ok("alice"))).isEmpty();

        assertThat(run.history).extracting(AlertTransition::state).containsExactly("firing", "resolved");
        assertThat(run.states.get("alice").status()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void a_group_missing_from_the_results_resolves() {
        Run run = new Run(rule(NoiseControl.NONE, Severity.HIGH));
        run.at(T0, breach("alice", 7));
        assertThat(run.at(T0.plusSeconds(60))).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void groups_fire_independently() {
        Run run = new Run(rule(NoiseControl.NONE, Severity.HIGH));
        assertThat(run.at(T0, breach("alice", 7), ok("bob"))).hasSize(1);
        assertThat(run.at(T0.plusSeconds(60), breach("alice", 7), breach("bob", 6))).singleElement()
                .satisfies(n -> assertThat(n.groupKey()).isEqualTo("bob"));
    }

    @Test
    void fires_again_after_resolving() {
        Run run = new Run(rule(NoiseControl.NONE, Severity.HIGH));
        run.at(T0, breach("alice", 7));
        run.at(T0.plusSeconds(60), ok("alice"));
        assertThat(run.at(T0.plusSeconds(120), breach("alice", 7))).hasSize(1);
        assertThat(run.history).extracting(AlertTransition::state).containsExactly("firing", "resolved", "firing");
    }

    @Test
    void renotifies_a_still_firing_alert_after_the_interval_until_acknowledged() {
        Run run = new Run(rule(new NoiseControl(Duration.ofMinutes(30), null, null), Severity.HIGH));
        run.at(T0, breach("alice", 7));
        assertThat(run.at(T0.plus(Duration.ofMinutes(29)), breach("alice", 7))).isEmpty();
        assertThat(run.at(T0.plus(Duration.ofMinutes(30)), breach("alice", 7))).hasSize(1);

        run.states.put("alice", run.states.get("alice").acknowledge("bob", T0.plus(Duration.ofMinutes(31))));
        assertThat(run.at(T0.plus(Duration.ofMinutes(90)), breach("alice", 7))).isEmpty();
        // the resolve is still announced
        assertThat(run.at(T0.plus(Duration.ofMinutes(91)), ok("alice"))).hasSize(1);
    }

    @Test
    void throttling_holds_notifications_back_and_sends_them_later_instead_of_losing_them() {
        Run run = new Run(rule(new NoiseControl(null, 2, null), Severity.HIGH));

        assertThat(run.at(T0, breach("a", 7), breach("b", 7), breach("c", 7))).hasSize(2);
        assertThat(run.at(T0.plusSeconds(60), breach("a", 7), breach("b", 7), breach("c", 7))).isEmpty();
        assertThat(run.history).filteredOn(t -> t.state().equals("suppressed")).hasSize(1);

        assertThat(run.at(T0.plus(Duration.ofMinutes(61)), breach("a", 7), breach("b", 7), breach("c", 7)))
                .singleElement().satisfies(n -> assertThat(n.groupKey()).isEqualTo("c"));
    }

    @Test
    void quiet_hours_delay_non_critical_notifications_until_they_end() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneOffset.UTC, Severity.CRITICAL);
        Run run = new Run(rule(new NoiseControl(null, null, night), Severity.HIGH));
        Instant late = Instant.parse("2026-11-21T23:00:00Z");

        assertThat(run.at(late, breach("alice", 7))).isEmpty();
        assertThat(run.states.get("alice").notificationPending()).isTrue();
        assertThat(run.at(Instant.parse("2026-11-22T06:59:00Z"), breach("alice", 7))).isEmpty();
        assertThat(run.at(Instant.parse("2026-11-22T07:00:00Z"), breach("alice", 7))).hasSize(1);
    }

    @Test
    void quiet_hours_let_critical_alerts_through() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneOffset.UTC, Severity.CRITICAL);
        Run run = new Run(rule(new NoiseControl(null, null, night), Severity.CRITICAL));
        assertThat(run.at(Instant.parse("2026-11-21T23:00:00Z"), breach("alice", 7))).hasSize(1);
    }

    @Test
    void a_resolve_nobody_was_told_about_is_not_notified() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneOffset.UTC, null);
        Run run = new Run(rule(new NoiseControl(null, null, night), Severity.HIGH));
        run.at(Instant.parse("2026-11-21T23:00:00Z"), breach("alice", 7));
        assertThat(run.at(Instant.parse("2026-11-21T23:30:00Z"), ok("alice"))).isEmpty();
        assertThat(run.sent).isEmpty();
    }

    @Test
    void snooze_silences_a_group_until_it_expires() {
        Run run = new Run(rule(NoiseControl.NONE, Severity.HIGH));
        run.states.put("alice", new AlertState(AlertState.idOf("r1", "alice"), "r1", "alice", AlertStatus.RESOLVED,
                null, null, 0, null, false, null, null, T0.plus(Duration.ofHours(1)), "bob"));

        assertThat(run.at(T0, breach("alice", 7))).isEmpty();
        assertThat(run.at(T0.plus(Duration.ofMinutes(59)), breach("alice", 7))).isEmpty();
        assertThat(run.at(T0.plus(Duration.ofHours(1)), breach("alice", 7))).hasSize(1);
    }

    @Test
    void nothing_is_written_for_groups_that_stay_ok() {
        Evaluation e = machine.evaluate(rule(NoiseControl.NONE, Severity.LOW), Map.of(), List.of(ok("x")), List.of(), T0);
        assertThat(e.states()).isEmpty();
        assertThat(e.transitions()).isEmpty();
    }
}
