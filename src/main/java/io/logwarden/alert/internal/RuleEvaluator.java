package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.Notification;
import io.logwarden.alert.internal.delivery.DeliveryOutbox;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import io.logwarden.alert.internal.rule.Evaluation;
import io.logwarden.alert.internal.rule.Observation;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Version;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates due rules. A rule is evaluated only by the instance that holds its lease (taken or renewed with
 * optimistic concurrency, so two instances racing for it cannot both win), in the scope its owner has now (re-read
 * at every evaluation, so a narrowed scope applies at once). State documents are written conditionally, so an
 * acknowledge or snooze made meanwhile is never overwritten. Order: state, history, outbox, lease: a notification
 * whose state change is stored is queued in Elasticsearch and delivered even if this instance stops. A failing
 * evaluation is recorded in the rule's history (once per distinct error) and in its lease.
 */
public class RuleEvaluator {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluator.class);
    static final Duration FORGET_RESOLVED_AFTER = Duration.ofDays(7);

    private final String instanceId;
    private final VersionedDocumentStore store;
    private final RuleObserver observer;
    private final AlertStateMachine machine;
    private final NotificationEnricher enricher;
    private final RecipientRouter router;
    private final DeliveryOutbox outbox;
    private final Function<String, Optional<CurrentUser>> owners;
    private final AlertMetrics metrics;
    private final Duration leaseDuration;

    public RuleEvaluator(String instanceId, VersionedDocumentStore store, RuleObserver observer,
                         AlertStateMachine machine, NotificationEnricher enricher, RecipientRouter router,
                         DeliveryOutbox outbox, Function<String, Optional<CurrentUser>> owners, AlertMetrics metrics,
                         Duration leaseDuration) {
        this.instanceId = instanceId;
        this.store = store;
        this.observer = observer;
        this.machine = machine;
        this.enricher = enricher;
        this.router = router;
        this.outbox = outbox;
        this.owners = owners;
        this.metrics = metrics;
        this.leaseDuration = leaseDuration;
    }

    /** Result of one rule's turn: whether this instance evaluated it, what it sent, and the first attempts. */
    public record Outcome(String ruleId, boolean evaluated, List<Notification> notifications,
                          CompletableFuture<Void> deliveries) {

        static Outcome skipped(String ruleId) {
            return new Outcome(ruleId, false, List.of(), CompletableFuture.completedFuture(null));
        }
    }

    /** Evaluates every enabled, due rule this instance can lease. */
    public List<Outcome> evaluateDue(List<AlertRule> rules, Instant now) {
        List<Outcome> outcomes = new ArrayList<>();
        for (AlertRule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            try {
                outcomes.add(evaluate(rule, now));
            } catch (RuntimeException e) {
                log.warn("Evaluating alert rule {} ({}) failed: {}", rule.id(), rule.name(), e.getMessage());
                outcomes.add(Outcome.skipped(rule.id()));
            }
        }
        return outcomes;
    }

    public Outcome evaluate(AlertRule rule, Instant now) {
        Optional<Leased> lease = acquire(rule, now);
        if (lease.isEmpty()) {
            return Outcome.skipped(rule.id());
        }
        RuleLease held = lease.get().lease();
        try {
            CurrentUser owner = owners.apply(rule.owner()).orElseThrow(() -> new IllegalStateException(
                    "the rule's owner '" + rule.owner() + "' does not exist or is disabled, so the rule sees no data;"
                            + " an admin can delete it or recreate it under another owner"));
            AlertRule scoped = rule.withScope(owner.scope().toFilter());
            Evaluated result = evaluate(scoped, owner, held, now);
            if (held.lastError() != null) {
                append(transition(rule, "recovered", "evaluations succeed again", now));
            }
            release(rule, lease.get(), result.recent(), null, null, now);
            return result.outcome();
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            boolean same = Objects.equals(error, held.lastError());
            if (!same) {
                log.warn("Evaluating alert rule {} ({}) failed: {}", rule.id(), rule.name(), error);
                append(transition(rule, "error", "evaluation failed: " + error, now));
            }
            release(rule, lease.get(), held.recentNotifications(), error, same ? held.lastErrorAt() : now, now);
            return new Outcome(rule.id(), true, List.of(), CompletableFuture.completedFuture(null));
        }
    }

    private record Evaluated(Outcome outcome, List<Instant> recent) {
    }

    private Evaluated evaluate(AlertRule rule, CurrentUser owner, RuleLease held, Instant now) {
        Map<String, Versioned<AlertState>> previous = new HashMap<>();
        for (Versioned<AlertState> s : store.search(AlertIndices.STATE, Map.of("ruleId", rule.id()), List.of(),
                10_000, AlertState.class)) {
            previous.put(s.document().group(), s);
        }
        forgetOldResolved(previous, now);
        Map<String, AlertState> previousStates = previous.values().stream()
                .collect(Collectors.toMap(v -> v.document().group(), Versioned::document));
        Set<String> firing = previousStates.values().stream().filter(AlertState::firing).map(AlertState::group)
                .collect(Collectors.toSet());
        List<Observation> observations = observer.observe(rule, now, firing);
        Evaluation evaluation = machine.evaluate(rule, previousStates, observations, held.recentNotifications(), now);

        Set<String> conflicted = new HashSet<>();
        for (AlertState state : evaluation.states()) {
            Versioned<AlertState> before = previous.get(state.group());
            Optional<Version> written = before == null
                    ? store.create(AlertIndices.STATE, state.id(), state)
                    : store.replace(AlertIndices.STATE, state.id(), state, before.version());
            if (written.isEmpty()) {
                conflicted.add(state.group());
            }
        }
        for (AlertTransition t : evaluation.transitions()) {
            if (!conflicted.contains(t.group())) {
                append(t);
                if (t.state().equals("firing")) {
                    metrics.fired(rule);
                } else if (t.state().equals("resolved")) {
                    metrics.resolved(rule);
                }
            }
        }
        List<Notification> toSend = enricher.enrich(rule, evaluation.notifications().stream()
                .filter(n -> !conflicted.contains(n.groupKey())).toList(), now).stream()
                .map(n -> NotificationEnricher.forViewer(n, owner)).toList();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (Notification n : toSend) {
            sends.add(outbox.enqueue(rule.id(), rule.name(), rule.severity().label(),
                    router.targets(rule, rule.scope(), n), n, now));
        }
        return new Evaluated(new Outcome(rule.id(), true, toSend,
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))), evaluation.recentNotifications());
    }

    private void release(AlertRule rule, Leased leased, List<Instant> recent, String error, Instant errorAt,
                         Instant now) {
        RuleLease done = new RuleLease(rule.id(), instanceId, now.plus(leaseDuration), now, recent, error, errorAt);
        if (store.replace(AlertIndices.LEASES, rule.id(), done, leased.version()).isEmpty()) {
            log.warn("Lease of rule {} was taken over during evaluation", rule.id());
        }
    }

    /**
     * Groups resolved longer than {@link #FORGET_RESOLVED_AFTER} ago and not snoozed are deleted, so per-user or
     * per-host rules do not accumulate state documents forever; their history stays in the daily indices.
     */
    private void forgetOldResolved(Map<String, Versioned<AlertState>> previous, Instant now) {
        previous.values().removeIf(v -> {
            AlertState s = v.document();
            boolean old = s.status() == AlertStatus.RESOLVED && s.resolvedAt() != null
                    && s.resolvedAt().isBefore(now.minus(FORGET_RESOLVED_AFTER)) && !s.snoozed(now);
            if (old) {
                store.delete(AlertIndices.STATE, v.id());
            }
            return old;
        });
    }

    private void append(AlertTransition t) {
        try {
            store.append(IndexNames.ALERTS, t.timestamp(), t);
        } catch (RuntimeException e) {
            log.warn("Recording alert transition {} of rule {} failed: {}", t.state(), t.rule().id(), e.getMessage());
        }
    }

    private static AlertTransition transition(AlertRule rule, String state, String message, Instant now) {
        return new AlertTransition(now, new AlertTransition.RuleRef(rule.id(), rule.name()), "", state,
                rule.severity().label(), message, 0, "system");
    }

    private record Leased(RuleLease lease, Version version) {
    }

    /** Takes the rule's lease if the rule is due and the lease is free, expired or ours. */
    Optional<Leased> acquire(AlertRule rule, Instant now) {
        Optional<Versioned<RuleLease>> current = store.get(AlertIndices.LEASES, rule.id(), RuleLease.class);
        if (current.isEmpty()) {
            RuleLease fresh = new RuleLease(rule.id(), instanceId, now.plus(leaseDuration), null, List.of());
            return store.create(AlertIndices.LEASES, rule.id(), fresh).map(v -> new Leased(fresh, v));
        }
        RuleLease lease = current.get().document();
        boolean heldByOther = !instanceId.equals(lease.owner()) && lease.expiresAt().isAfter(now);
        boolean due = lease.lastEvaluatedAt() == null || !lease.lastEvaluatedAt().plus(rule.schedule()).isAfter(now);
        if (heldByOther || !due) {
            return Optional.empty();
        }
        RuleLease mine = new RuleLease(rule.id(), instanceId, now.plus(leaseDuration), lease.lastEvaluatedAt(),
                lease.recentNotifications(), lease.lastError(), lease.lastErrorAt());
        return store.replace(AlertIndices.LEASES, rule.id(), mine, current.get().version())
                .map(v -> new Leased(mine, v));
    }
}
