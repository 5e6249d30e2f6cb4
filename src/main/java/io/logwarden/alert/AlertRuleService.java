package io.logwarden.alert;

import io.logwarden.alert.internal.AlertIndices;
import io.logwarden.alert.internal.AlertLinks;
import io.logwarden.alert.internal.NotificationEnricher;
import io.logwarden.alert.internal.RuleLease;
import io.logwarden.alert.internal.RuleObserver;
import io.logwarden.alert.internal.RuleValidator;
import io.logwarden.alert.internal.SecretSettings;
import io.logwarden.alert.internal.TestNotifications;
import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Alert rules: the API the REST controller and the UI use. ADMIN sees and manages every rule; other roles see the
 * rules they own. Reading needs any role; changing rules needs ADMIN or OPERATIONS (alerts belong to operations).
 * A rule sees its owner's scope (re-read at every evaluation), whoever edits it. Every change is written to the
 * audit trail.
 */
public class AlertRuleService {

    static final String READ = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ANALYST + "','" + Roles.OPERATIONS
            + "','" + Roles.COMPLIANCE + "','" + Roles.VIEWER + "')";
    static final String WRITE = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.OPERATIONS + "')";

    private final VersionedDocumentStore store;
    private final RuleValidator validator;
    private final RuleObserver observer;
    private final EventCounts counts;
    private final TestNotifications tests;
    private final NotificationEnricher enricher;
    private final AccessService access;
    private final AuditService audit;
    private final AlertLinks links;
    private final Clock clock;

    public AlertRuleService(VersionedDocumentStore store, RuleValidator validator, RuleObserver observer,
                            EventCounts counts, TestNotifications tests, NotificationEnricher enricher,
                            AccessService access, AuditService audit, AlertLinks links, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.observer = observer;
        this.counts = counts;
        this.tests = tests;
        this.enricher = enricher;
        this.access = access;
        this.audit = audit;
        this.links = links;
        this.clock = clock;
    }

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
        return visibleRule(id).map(SecretSettings::mask);
    }

    /** How the evaluations of the visible rules go: last run and the current error, if any. */
    @PreAuthorize(READ)
    public Map<String, RuleRunState> runStates() {
        CurrentUser user = access.current();
        Set<String> ids = new java.util.HashSet<>();
        allRules().stream().filter(r -> visible(user, r)).forEach(r -> ids.add(r.id()));
        Map<String, RuleRunState> states = new LinkedHashMap<>();
        for (Versioned<RuleLease> v : store.search(AlertIndices.LEASES, Map.of(), List.of(), 10_000,
                RuleLease.class)) {
            RuleLease l = v.document();
            if (ids.contains(l.ruleId())) {
                states.put(l.ruleId(), new RuleRunState(l.ruleId(), l.lastEvaluatedAt(), l.lastError(),
                        l.lastErrorAt()));
            }
        }
        return states;
    }

    /** Every problem of a draft, empty when it can be saved. */
    @PreAuthorize(WRITE)
    public List<String> validate(AlertRule draft) {
        return validator.validate(ownedDraft(draft));
    }

    /** Saves a new rule owned by the current user (so it sees what that user may see). */
    @PreAuthorize(WRITE)
    public AlertRule create(AlertRule draft) {
        CurrentUser user = access.current();
        Instant now = clock.instant();
        AlertRule rule = draft.withIdentity(UUID.randomUUID().toString(), user.username(), user.scope().toFilter(),
                now, now).withRevision(1L);
        validator.check(rule);
        store.create(AlertIndices.RULES, rule.id(), rule);
        record("alert.rule.create", rule, Map.of("name", rule.name(), "kind", rule.kind().name()));
        return SecretSettings.mask(rule);
    }

    /**
     * Replaces a rule; owner and creation time are kept and the scope stays the owner's. Refused with
     * {@link AlertConflictException} when the draft names an older revision or someone saves meanwhile.
     */
    @PreAuthorize(WRITE)
    public AlertRule update(String id, AlertRule draft) {
        CurrentUser user = access.current();
        Versioned<AlertRule> current = stored(id);
        AlertRule existing = owned(user, current.document());
        if (draft.revision() != null && draft.revision() != existing.currentRevision()) {
            throw conflict(existing);
        }
        AlertRule rule = SecretSettings.unmask(draft, existing).withIdentity(id, existing.owner(),
                ownerScope(existing), existing.createdAt(), clock.instant())
                .withRevision(existing.currentRevision() + 1);
        validator.check(rule);
        if (store.replace(AlertIndices.RULES, id, rule, current.version()).isEmpty()) {
            throw conflict(existing);
        }
        record("alert.rule.update", rule, Map.of("name", rule.name(), "revision", rule.revision()));
        return SecretSettings.mask(rule);
    }

    /** Enables (after validation) or disables (always possible) a rule. */
    @PreAuthorize(WRITE)
    public AlertRule setEnabled(String id, boolean enabled) {
        CurrentUser user = access.current();
        for (int attempt = 0; attempt < 3; attempt++) {
            Versioned<AlertRule> current = stored(id);
            AlertRule existing = owned(user, current.document());
            AlertRule rule = existing.withEnabled(enabled).withScope(ownerScope(existing))
                    .withRevision(existing.currentRevision() + 1);
            if (enabled) {
                validator.check(rule);
            }
            if (store.replace(AlertIndices.RULES, id, rule, current.version()).isPresent()) {
                record(enabled ? "alert.rule.enable" : "alert.rule.disable", rule, Map.of("name", rule.name()));
                return SecretSettings.mask(rule);
            }
        }
        throw new AlertConflictException("Alert rule " + id + " keeps changing; try again");
    }

    @PreAuthorize(WRITE)
    public void delete(String id) {
        AlertRule rule = owned(access.current(), stored(id).document());
        store.delete(AlertIndices.RULES, id);
        store.delete(AlertIndices.LEASES, id);
        store.search(AlertIndices.STATE, Map.of("ruleId", id), List.of(), 10_000, AlertState.class)
                .forEach(s -> store.delete(AlertIndices.STATE, s.id()));
        record("alert.rule.delete", rule, Map.of("name", rule.name()));
    }

    /** Sends a test notification over the draft's channels now (one attempt each) and reports each outcome. */
    @PreAuthorize(WRITE)
    public List<DeliveryResult> testSend(AlertRule draft) {
        if (draft.id() != null) {
            draft = SecretSettings.unmask(draft, visibleRule(draft.id()).orElse(null));
        }
        AlertRule rule = ownedDraft(draft.withEnabled(false));
        validator.check(rule);
        return tests.send(rule, clock.instant());
    }

    /** Matches of the draft over the last 24 hours, in its owner's scope, and what would fire now. */
    @PreAuthorize(WRITE)
    public RulePreview preview(AlertRule draft) {
        CurrentUser viewer = access.current();
        AlertRule rule = ownedDraft(draft.withEnabled(false));
        validator.check(rule);
        Instant now = clock.instant();
        Instant dayAgo = now.minus(Duration.ofHours(24));
        Map<String, Long> day = new LinkedHashMap<>();
        if (rule.kind() != RuleKind.ANOMALY && rule.kind() != RuleKind.HEALTH) {
            counts.countByGroup(rule.query(), rule.scope(), rule.groupBy(), dayAgo, now, 100)
                    .forEach((group, count) -> day.merge(enricher.group(rule, group, viewer), count, Long::sum));
        }
        List<RulePreview.GroupPreview> groups = observer.observe(rule, now, Set.of()).stream()
                .map(o -> new RulePreview.GroupPreview(enricher.group(rule, o.group(), viewer), o.value(),
                        o.breached())).toList();
        return new RulePreview(day, groups, links.link(rule, "", Map.of(), dayAgo, now));
    }

    /** A draft as its owner sees data: a stored rule's owner and scope, else the current user's. */
    private AlertRule ownedDraft(AlertRule draft) {
        CurrentUser user = access.current();
        Optional<AlertRule> stored = draft.id() == null ? Optional.empty() : visibleRule(draft.id());
        String owner = stored.map(AlertRule::owner).orElse(user.username());
        ScopeFilter scope = stored.map(this::ownerScope).orElse(user.scope().toFilter());
        return draft.withIdentity(draft.id() == null ? "preview" : draft.id(), owner, scope, null, null);
    }

    private ScopeFilter ownerScope(AlertRule rule) {
        return access.user(rule.owner()).map(u -> u.scope().toFilter()).orElse(rule.scope());
    }

    private Optional<AlertRule> visibleRule(String id) {
        CurrentUser user = access.current();
        return store.get(AlertIndices.RULES, id, AlertRule.class).map(Versioned::document)
                .filter(r -> visible(user, r));
    }

    private Versioned<AlertRule> stored(String id) {
        return store.get(AlertIndices.RULES, id, AlertRule.class)
                .orElseThrow(() -> new NoSuchElementException("No alert rule " + id));
    }

    static boolean visible(CurrentUser user, AlertRule rule) {
        return user.hasRole(Roles.ADMIN) || user.username().equals(rule.owner());
    }

    private static AlertRule owned(CurrentUser user, AlertRule rule) {
        if (!visible(user, rule)) {
            throw new AccessDeniedException("Alert rule " + rule.id() + " belongs to another user");
        }
        return rule;
    }

    private static AlertConflictException conflict(AlertRule existing) {
        return new AlertConflictException("Alert rule '" + existing.name() + "' was changed by someone else (now at"
                + " revision " + existing.currentRevision() + "); reload it and apply your change again");
    }

    private void record(String action, AlertRule rule, Map<String, ?> details) {
        Map<String, Object> all = new HashMap<>(details);
        all.put("owner", rule.owner());
        audit.record(new AuditEntry(action, "configuration", AuditEntry.SUCCESS, null, null, "alert-rule", rule.id(),
                all));
    }
}
