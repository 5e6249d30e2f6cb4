package io.logwarden.alert;

import io.logwarden.alert.internal.AlertIndices;
import io.logwarden.alert.internal.AlertLinks;
import io.logwarden.alert.internal.NotificationEnricher;
import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Sort;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Alerts of the visible rules (firing and resolved groups), their history, acknowledge and snooze. Group values that
 * are personal data are masked for users without PII access. Acknowledge and snooze are written to the audit trail.
 */
public class AlertService {

    private final VersionedDocumentStore store;
    private final AlertRuleService rules;
    private final NotificationEnricher enricher;
    private final AccessService access;
    private final AuditService audit;
    private final Clock clock;

    public AlertService(VersionedDocumentStore store, AlertRuleService rules, NotificationEnricher enricher,
                        AccessService access, AuditService audit, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.enricher = enricher;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Alert groups of visible rules, firing first; {@code firingOnly} drops resolved ones. */
    @PreAuthorize(AlertRuleService.READ)
    public List<AlertView> alerts(boolean firingOnly) {
        CurrentUser viewer = access.current();
        Map<String, AlertRule> visible = new HashMap<>();
        rules.rules().forEach(r -> visible.put(r.id(), r));
        Map<String, Object> filter = firingOnly ? Map.of("status", AlertStatus.FIRING.name()) : Map.of();
        return store.search(AlertIndices.STATE, filter, List.of(new Sort("firingSince", true)), 1000,
                        AlertState.class).stream()
                .map(Versioned::document)
                .filter(s -> visible.containsKey(s.ruleId()))
                .sorted(Comparator.comparing((AlertState s) -> !s.firing()))
                .map(s -> view(visible.get(s.ruleId()), s, viewer))
                .toList();
    }

    private AlertView view(AlertRule rule, AlertState state, CurrentUser viewer) {
        String shown = enricher.group(rule, state.group(), viewer);
        boolean masked = !shown.equals(state.group());
        Instant from = state.firingSince() == null ? null : state.firingSince().minus(rule.window());
        String link = AlertLinks.relative(rule, masked ? "" : state.group(), Map.of(), from, state.resolvedAt());
        return new AlertView(state.withGroup(shown), rule.name(), rule.severity(), link);
    }

    /** Transitions of one rule, newest first. */
    @PreAuthorize(AlertRuleService.READ)
    public List<AlertTransition> history(String ruleId, int max) {
        AlertRule rule = rules.rule(ruleId).orElseThrow(() -> new NoSuchElementException("No alert rule " + ruleId));
        CurrentUser viewer = access.current();
        return store.search(IndexNames.pattern(IndexNames.ALERTS), Map.of("rule.id", ruleId),
                        List.of(new Sort("@timestamp", true)), Math.min(max, 1000), AlertTransition.class).stream()
                .map(Versioned::document)
                .map(t -> new AlertTransition(t.timestamp(), t.rule(), t.group() == null ? null
                        : enricher.group(rule, t.group(), viewer), t.state(), t.severity(), t.message(), t.value(),
                        t.actor()))
                .toList();
    }

    /** Acknowledges the current firing period: no more re-notifications until it resolves; the new state. */
    @PreAuthorize(AlertRuleService.WRITE)
    public AlertState acknowledge(String alertId) {
        CurrentUser user = access.current();
        Instant now = clock.instant();
        return change(user, alertId, "acknowledged", "acknowledged", s -> s.acknowledge(user.username(), now));
    }

    /** No notifications for this alert group until {@code now + duration}. */
    @PreAuthorize(AlertRuleService.WRITE)
    public AlertState snooze(String alertId, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()
                || duration.compareTo(Duration.ofDays(30)) > 0) {
            throw new AlertValidationException(List.of("snooze duration must be between 1 s and 30 d"));
        }
        CurrentUser user = access.current();
        Instant until = clock.instant().plus(duration);
        return change(user, alertId, "snoozed", "snoozed until " + until, s -> s.snooze(user.username(), until));
    }

    private AlertState change(CurrentUser user, String alertId, String state, String message,
                             UnaryOperator<AlertState> update) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Versioned<AlertState> current = store.get(AlertIndices.STATE, alertId, AlertState.class)
                    .orElseThrow(() -> new NoSuchElementException("No alert " + alertId));
            AlertRule rule = rules.rule(current.document().ruleId())
                    .orElseThrow(() -> new NoSuchElementException("No alert " + alertId));
            AlertState changed = update.apply(current.document());
            if (store.replace(AlertIndices.STATE, alertId, changed, current.version()).isPresent()) {
                Instant now = clock.instant();
                store.append(IndexNames.ALERTS, now, new AlertTransition(now,
                        new AlertTransition.RuleRef(rule.id(), rule.name()), changed.group(), state,
                        rule.severity().label(), message, changed.lastValue(), user.username()));
                audit.record(new AuditEntry("alert." + (state.equals("snoozed") ? "snooze" : "acknowledge"),
                        "configuration", AuditEntry.SUCCESS, null, null, "alert", alertId,
                        Map.of("rule", rule.id(), "detail", message)));
                return view(rule, changed, user).state();
            }
        }
        throw new AlertConflictException("Alert " + alertId + " keeps changing; try again");
    }
}
