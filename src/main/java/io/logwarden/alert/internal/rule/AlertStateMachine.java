package io.logwarden.alert.internal.rule;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.Notification;
import io.logwarden.alert.NoiseControl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The per-group state machine (ok → firing → resolved → firing ...), pure: same inputs, same outputs.
 * Only transitions notify (de-duplication); a still-firing group notifies again only after the re-notify interval
 * and not once acknowledged. A due firing notification that quiet hours, snooze or throttling hold back stays
 * pending and goes out at the first evaluation that allows it; a held-back resolve notification is dropped
 * (the history keeps it).
 */
public final class AlertStateMachine {

    /** Builds the link back to the matching events of a group (or to the anomaly, for ANOMALY rules). */
    @FunctionalInterface
    public interface LinkBuilder {
        String link(AlertRule rule, String group, Map<String, String> fields, Instant from, Instant to);
    }

    private final LinkBuilder links;

    public AlertStateMachine(LinkBuilder links) {
        this.links = links;
    }

    public Evaluation evaluate(AlertRule rule, Map<String, AlertState> previous, List<Observation> observations,
                               List<Instant> recentNotifications, Instant now) {
        List<Instant> recent = new ArrayList<>(recentNotifications.stream()
                .filter(t -> t.isAfter(now.minus(Duration.ofHours(1)))).toList());
        Map<String, Observation> byGroup = new HashMap<>();
        observations.forEach(o -> byGroup.put(o.group(), o));
        TreeSet<String> groups = new TreeSet<>(byGroup.keySet());
        previous.values().stream().filter(AlertState::firing).forEach(s -> groups.add(s.group()));

        List<AlertState> states = new ArrayList<>();
        List<AlertTransition> transitions = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (String group : groups) {
            AlertState prev = previous.get(group);
            Observation obs = byGroup.getOrDefault(group, new Observation(group, 0, false, Map.of()));
            if (obs.breached()) {
                firing(rule, prev, obs, now, recent, states, transitions, notifications);
            } else if (prev != null && prev.firing()) {
                resolved(rule, prev, obs, now, recent, states, transitions, notifications);
            }
        }
        return new Evaluation(states, transitions, notifications, recent);
    }

    private void firing(AlertRule rule, AlertState prev, Observation obs, Instant now, List<Instant> recent,
                        List<AlertState> states, List<AlertTransition> transitions, List<Notification> out) {
        String id = prev != null ? prev.id() : AlertState.idOf(rule.id(), obs.group());
        AlertState state;
        boolean wasPending;
        if (prev == null || !prev.firing()) {
            state = new AlertState(id, rule.id(), obs.group(), AlertStatus.FIRING, now, null, obs.value(), null, true,
                    null, null, prev == null ? null : prev.snoozedUntil(), prev == null ? null : prev.snoozedBy());
            transitions.add(transition(rule, obs.group(), "firing", describe(rule, obs), obs.value(), now));
            wasPending = false;
        } else {
            boolean renotify = !prev.acknowledged() && rule.noise().renotifyInterval() != null
                    && prev.lastNotifiedAt() != null
                    && !prev.lastNotifiedAt().plus(rule.noise().renotifyInterval()).isAfter(now);
            state = new AlertState(id, rule.id(), obs.group(), AlertStatus.FIRING, prev.firingSince(), null,
                    obs.value(), prev.lastNotifiedAt(), !prev.acknowledged() && (prev.notificationPending() || renotify),
                    prev.acknowledgedBy(), prev.acknowledgedAt(), prev.snoozedUntil(), prev.snoozedBy());
            wasPending = prev.notificationPending();
        }
        if (state.notificationPending()) {
            String held = heldBack(rule, state, now, recent);
            if (held == null) {
                recent.add(now);
                out.add(notification(rule, state, obs, AlertStatus.FIRING, now));
                state = new AlertState(id, rule.id(), state.group(), state.status(), state.firingSince(), null,
                        state.lastValue(), now, false, state.acknowledgedBy(), state.acknowledgedAt(),
                        state.snoozedUntil(), state.snoozedBy());
            } else if (!wasPending) {
                transitions.add(transition(rule, obs.group(), "suppressed", "notification held back: " + held,
                        obs.value(), now));
            }
        }
        if (!state.equals(prev)) {
            states.add(state);
        }
    }

    private void resolved(AlertRule rule, AlertState prev, Observation obs, Instant now, List<Instant> recent,
                          List<AlertState> states, List<AlertTransition> transitions, List<Notification> out) {
        AlertState state = new AlertState(prev.id(), rule.id(), prev.group(), AlertStatus.RESOLVED,
                prev.firingSince(), now, obs.value(), prev.lastNotifiedAt(), false, null, null,
                prev.snoozedUntil(), prev.snoozedBy());
        states.add(state);
        transitions.add(transition(rule, prev.group(), "resolved", describe(rule, obs), obs.value(), now));
        if (prev.lastNotifiedAt() == null) {
            return; // nobody was told it fired
        }
        String held = heldBack(rule, state, now, recent);
        if (held == null) {
            recent.add(now);
            out.add(notification(rule, state, obs, AlertStatus.RESOLVED, now));
        } else {
            transitions.add(transition(rule, prev.group(), "suppressed", "resolve notification dropped: " + held,
                    obs.value(), now));
        }
    }

    private static String heldBack(AlertRule rule, AlertState state, Instant now, List<Instant> recent) {
        NoiseControl noise = rule.noise();
        if (state.snoozed(now)) {
            return "snoozed until " + state.snoozedUntil();
        }
        if (noise.quietHours() != null && noise.quietHours().silences(now, rule.severity())) {
            return "quiet hours";
        }
        if (noise.maxPerHour() != null && recent.size() >= noise.maxPerHour()) {
            return "throttled (" + noise.maxPerHour() + " per hour)";
        }
        return null;
    }

    private Notification notification(AlertRule rule, AlertState state, Observation obs, AlertStatus status,
                                      Instant now) {
        Map<String, String> fields = new HashMap<>(obs.fields());
        fields.put("rule.kind", rule.kind().name().toLowerCase(Locale.ROOT));
        fields.put("group.field", rule.groupBy() == null ? "" : rule.groupBy());
        fields.put("value", format(obs.value()));
        fields.put("threshold", format(rule.threshold()));
        fields.put("window", format(rule.window()));
        fields.put("query", rule.query());
        fields.put("alert.id", state.id());
        Instant from = status == AlertStatus.FIRING ? now.minus(rule.window()) : state.firingSince();
        String id = state.id() + "|" + status.name().toLowerCase(Locale.ROOT) + "|" + now.toEpochMilli();
        return new Notification(id, rule.id(), rule.name(), rule.severity(), status, state.group(),
                rule.titleTemplate(), rule.messageTemplate(), fields,
                links.link(rule, state.group(), fields, from, now), now, false);
    }

    private static AlertTransition transition(AlertRule rule, String group, String state, String message, double value,
                                              Instant now) {
        return new AlertTransition(now, new AlertTransition.RuleRef(rule.id(), rule.name()), group, state,
                rule.severity().label(), message, value, "system");
    }

    private static String describe(AlertRule rule, Observation obs) {
        return rule.kind().name().toLowerCase(Locale.ROOT) + " value " + format(obs.value()) + " (threshold "
                + format(rule.threshold()) + ", window " + format(rule.window()) + ")";
    }

    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    public static String format(Duration d) {
        if (d.toSecondsPart() == 0 && d.toMinutesPart() == 0 && !d.isZero()) {
            return d.toHours() % 24 == 0 && d.toHours() >= 48 ? d.toDays() + "d" : d.toHours() + "h";
        }
        if (d.toSecondsPart() == 0) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }
}
