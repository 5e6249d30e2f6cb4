package io.logwarden.alert;

import io.logwarden.alert.internal.AlertIndices;
import io.logwarden.alert.internal.NotificationCentre;
import io.logwarden.alert.internal.RuleEvaluator;
import io.logwarden.alert.internal.RuleValidator;
import io.logwarden.alert.internal.SecretSettings;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import io.logwarden.alert.internal.rule.Observation;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.EventCounts;
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
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Alert rules, alerts and the current user's notification centre: the API the REST controller and the UI use.
 * ADMIN sees and manages every rule; other roles see the rules they own and the alerts of those rules.
 * Reading needs any role; changing rules needs ADMIN, OPERATIONS or ANALYST; acknowledging and snoozing the same.
 */
public class AlertRuleService {

    static final String READ = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ANALYST + "','" + Roles.OPERATIONS
            + "','" + Roles.COMPLIANCE + "','" + Roles.VIEWER + "')";
    static final String WRITE = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.OPERATIONS + "','" + Roles.ANALYST + "')";

    private final VersionedDocumentStore store;
    private final RuleValidator validator;
    private final RuleEvaluator evaluator;
    private final EventCounts counts;
    private final DeliveryService delivery;
    private final NotificationCentre centre;
    private final AccessService access;
    private final AlertStateMachine.LinkBuilder links;
    private final Clock clock;

    public AlertRuleService(VersionedDocumentStore store, RuleValidator validator, RuleEvaluator evaluator,
                            EventCounts counts, DeliveryService delivery, NotificationCentre centre,
                            AccessService access, AlertStateMachine.LinkBuilder links, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.evaluator = evaluator;
        this.counts = counts;
        this.delivery = delivery;
        this.centre = centre;
        this.access = access;
        this.links = links;
        this.clock = clock;
    }

    // --- rules ---

    @PreAuthorize(READ)
    public List<AlertRule> rules() {
        CurrentUser user = access.current();
        return allRules().stream().filter(r -> visible(user, r)).map(SecretSettings::mask)
                .sorted(Comparator.comparing(AlertRule::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** Every stored rule, for the scheduler (no user context). */
    public List<AlertRule> allRules() {
        return store.search(AlertIndices.RULES, Map.of(), List.of(), 10_000, AlertRule.class).stream()
                .map(Versioned::document).toList();
    }

    @PreAuthorize(READ)
    public Optional<AlertRule> rule(String id) {
        CurrentUser user = access.current();
        return store.get(AlertIndices.RULES, id, AlertRule.class).map(Versioned::document)
                .filter(r -> visible(user, r)).map(SecretSettings::mask);
    }

    /** Every problem of a draft, empty when it can be saved. */
    @PreAuthorize(WRITE)
    public List<String> validate(AlertRule draft) {
        return validator.validate(draft);
    }

    /** Saves a new rule owned by the current user and scoped to what the user may see. */
    @PreAuthorize(WRITE)
    public AlertRule create(AlertRule draft) {
        CurrentUser user = access.current();
        validator.check(draft);
        Instant now = clock.instant();
        AlertRule rule = draft.withIdentity(UUID.randomUUID().toString(), user.username(), user.scope().toFilter(),
                now, now);
        store.put(AlertIndices.RULES, rule.id(), rule);
        return SecretSettings.mask(rule);
    }

    /** Replaces a rule; owner and creation time are kept, the scope becomes the editor's. */
    @PreAuthorize(WRITE)
    public AlertRule update(String id, AlertRule draft) {
        CurrentUser user = access.current();
        AlertRule existing = owned(user, id);
        draft = SecretSettings.unmask(draft, existing);
        validator.check(draft);
        AlertRule rule = draft.withIdentity(id, existing.owner(), user.scope().toFilter(), existing.createdAt(),
                clock.instant());
        store.put(AlertIndices.RULES, id, rule);
        return SecretSettings.mask(rule);
    }

    @PreAuthorize(WRITE)
    public AlertRule setEnabled(String id, boolean enabled) {
        CurrentUser user = access.current();
        AlertRule rule = owned(user, id).withEnabled(enabled);
        validator.check(rule);
        store.put(AlertIndices.RULES, id, rule);
        return SecretSettings.mask(rule);
    }

    @PreAuthorize(WRITE)
    public void delete(String id) {
        owned(access.current(), id);
        store.delete(AlertIndices.RULES, id);
        store.delete(AlertIndices.LEASES, id);
        store.search(AlertIndices.STATE, Map.of("ruleId", id), List.of(), 10_000, AlertState.class)
                .forEach(s -> store.delete(AlertIndices.STATE, s.id()));
    }

    /** Sends a test notification over the draft's channels now and reports each channel's outcome. */
    @PreAuthorize(WRITE)
    public List<DeliveryResult> testSend(AlertRule draft) {
        if (draft.id() != null) {
            AlertRule stored = store.get(AlertIndices.RULES, draft.id(), AlertRule.class).map(Versioned::document)
                    .filter(r -> visible(access.current(), r)).orElse(null);
            draft = SecretSettings.unmask(draft, stored);
        }
        validator.check(draft.withEnabled(false));
        Instant now = clock.instant();
        Map<String, String> fields = new HashMap<>();
        fields.put("value", AlertStateMachine.format(draft.threshold() + 1));
        fields.put("threshold", AlertStateMachine.format(draft.threshold()));
        fields.put("window", AlertStateMachine.format(draft.window()));
        fields.put("query", draft.query());
        fields.put("count", "1");
        fields.put("event.message", "This is a test notification from Logwarden.");
        Notification test = new Notification("test-" + UUID.randomUUID(), draft.id(), draft.name(), draft.severity(),
                AlertStatus.FIRING, "test", draft.titleTemplate(), draft.messageTemplate(), fields,
                links.link(draft, "", now.minus(draft.window()), now), now, true);
        return delivery.deliverAll(draft.channels(), test).join();
    }

    /** Matches of the draft over the last 24 hours, in the current user's scope, and what would fire now. */
    @PreAuthorize(WRITE)
    public RulePreview preview(AlertRule draft) {
        CurrentUser user = access.current();
        AlertRule scoped = draft.withIdentity(draft.id() == null ? "preview" : draft.id(), user.username(),
                user.scope().toFilter(), null, null);
        validator.check(scoped.withEnabled(false));
        Instant now = clock.instant();
        Instant dayAgo = now.minus(Duration.ofHours(24));
        Map<String, Long> day = switch (scoped.kind()) {
            case ANOMALY, HEALTH -> Map.of();
            default -> counts.countByGroup(scoped.query(), scoped.scope(), scoped.groupBy(), dayAgo, now, 100);
        };
        List<RulePreview.GroupPreview> groups = evaluator.observe(scoped, now).stream()
                .map((Observation o) -> new RulePreview.GroupPreview(o.group(), o.value(), o.breached())).toList();
        return new RulePreview(day, groups, links.link(scoped, "", dayAgo, now));
    }

    // --- alerts ---

    /** Alert groups of visible rules, firing first; {@code firingOnly} drops resolved ones. */
    @PreAuthorize(READ)
    public List<AlertView> alerts(boolean firingOnly) {
        Map<String, AlertRule> rules = new HashMap<>();
        rules().forEach(r -> rules.put(r.id(), r));
        Map<String, Object> filter = firingOnly ? Map.of("status", AlertStatus.FIRING.name()) : Map.of();
        return store.search(AlertIndices.STATE, filter, List.of(new Sort("firingSince", true)), 1000,
                        AlertState.class).stream()
                .map(Versioned::document)
                .filter(s -> rules.containsKey(s.ruleId()))
                .sorted(Comparator.comparing((AlertState s) -> !s.firing()))
                .map(s -> new AlertView(s, rules.get(s.ruleId()).name(), rules.get(s.ruleId()).severity()))
                .toList();
    }

    /** Transitions of one rule, newest first. */
    @PreAuthorize(READ)
    public List<AlertTransition> history(String ruleId, int max) {
        rule(ruleId).orElseThrow(() -> new NoSuchElementException("No alert rule " + ruleId));
        return store.search(IndexNames.pattern(IndexNames.ALERTS), Map.of("rule.id", ruleId),
                List.of(new Sort("@timestamp", true)), Math.min(max, 1000), AlertTransition.class).stream()
                .map(Versioned::document).toList();
    }

    /** Acknowledges the current firing period: no more re-notifications until it resolves. */
    @PreAuthorize(WRITE)
    public AlertState acknowledge(String alertId) {
        CurrentUser user = access.current();
        Instant now = clock.instant();
        return change(user, alertId, "acknowledged", "acknowledged", s -> s.acknowledge(user.username(), now));
    }

    /** No notifications for this alert group until {@code now + duration}. */
    @PreAuthorize(WRITE)
    public AlertState snooze(String alertId, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(30)) > 0) {
            throw new AlertValidationException(List.of("snooze duration must be between 1 s and 30 d"));
        }
        CurrentUser user = access.current();
        Instant until = clock.instant().plus(duration);
        return change(user, alertId, "snoozed", "snoozed until " + until, s -> s.snooze(user.username(), until));
    }

    private AlertState change(CurrentUser user, String alertId, String state, String message,
                              java.util.function.UnaryOperator<AlertState> update) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Versioned<AlertState> current = store.get(AlertIndices.STATE, alertId, AlertState.class)
                    .orElseThrow(() -> new NoSuchElementException("No alert " + alertId));
            AlertRule rule = rule(current.document().ruleId())
                    .orElseThrow(() -> new NoSuchElementException("No alert " + alertId));
            AlertState changed = update.apply(current.document());
            if (store.replace(AlertIndices.STATE, alertId, changed, current.version()).isPresent()) {
                Instant now = clock.instant();
                store.append(IndexNames.ALERTS, now, new AlertTransition(now,
                        new AlertTransition.RuleRef(rule.id(), rule.name()), changed.group(), state,
                        rule.severity().label(), message, changed.lastValue(), user.username()));
                return changed;
            }
        }
        throw new IllegalStateException("Alert " + alertId + " keeps changing; try again");
    }

    // --- notification centre of the current user ---

    @PreAuthorize("isAuthenticated()")
    public List<InAppNotification> notifications(int max) {
        return centre.list(access.current().username(), Math.min(Math.max(max, 1), 500));
    }

    @PreAuthorize("isAuthenticated()")
    public long unreadCount() {
        return centre.unread(access.current().username());
    }

    @PreAuthorize("isAuthenticated()")
    public void markRead(String notificationId) {
        if (!centre.markRead(access.current().username(), notificationId)) {
            throw new NoSuchElementException("No notification " + notificationId);
        }
    }

    @PreAuthorize("isAuthenticated()")
    public int markAllRead() {
        return centre.markAllRead(access.current().username());
    }

    private static boolean visible(CurrentUser user, AlertRule rule) {
        return user.hasRole(Roles.ADMIN) || user.username().equals(rule.owner());
    }

    private AlertRule owned(CurrentUser user, String id) {
        AlertRule rule = store.get(AlertIndices.RULES, id, AlertRule.class).map(Versioned::document)
                .orElseThrow(() -> new NoSuchElementException("No alert rule " + id));
        if (!visible(user, rule)) {
            throw new AccessDeniedException("Alert rule " + id + " belongs to another user");
        }
        return rule;
    }
}
