package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.Notification;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import io.logwarden.alert.internal.rule.Conditions;
import io.logwarden.alert.internal.rule.Evaluation;
import io.logwarden.alert.internal.rule.Observation;
import io.logwarden.alert.AnomalyDetectedEvent;
import io.logwarden.storage.AnomalyScores;
import io.logwarden.storage.EventCounts;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates due rules. A rule is evaluated only by the instance that holds its lease (taken or renewed with
 * optimistic concurrency, so two instances racing for it cannot both win); state documents are written
 * conditionally too, so an acknowledge or snooze made meanwhile is never overwritten. Order: state, history,
 * lease, then delivery: a crash between them loses at most a notification, never sends one twice.
 */
public class RuleEvaluator {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluator.class);
    static final int MAX_GROUPS = 500;
    /** ABSENCE per group: sources seen in this many windows before the current one are expected. */
    static final int ABSENCE_BASELINE_WINDOWS = 6;
    static final Duration FORGET_RESOLVED_AFTER = Duration.ofDays(7);

    private final String instanceId;
    private final VersionedDocumentStore store;
    private final EventCounts counts;
    private final SignalBuffer signals;
    private final AlertStateMachine machine;
    private final DeliveryService delivery;
    private final Duration leaseDuration;
    private AnomalyScores anomalyScores;

    /** Lets ANOMALY rules also read {@code logwarden-anomalies-*}. */
    public RuleEvaluator withAnomalyScores(AnomalyScores scores) {
        this.anomalyScores = scores;
        return this;
    }

    public RuleEvaluator(String instanceId, VersionedDocumentStore store, EventCounts counts, SignalBuffer signals,
                         AlertStateMachine machine, DeliveryService delivery, Duration leaseDuration) {
        this.instanceId = instanceId;
        this.store = store;
        this.counts = counts;
        this.signals = signals;
        this.machine = machine;
        this.delivery = delivery;
        this.leaseDuration = leaseDuration;
    }

    /** Result of one rule's turn: whether this instance evaluated it and what it sent. */
    public record Outcome(String ruleId, boolean evaluated, List<Notification> notifications,
                          CompletableFuture<Void> deliveries) {
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
                outcomes.add(new Outcome(rule.id(), false, List.of(), CompletableFuture.completedFuture(null)));
            }
        }
        return outcomes;
    }

    public Outcome evaluate(AlertRule rule, Instant now) {
        Optional<Leased> lease = acquire(rule, now);
        if (lease.isEmpty()) {
            return new Outcome(rule.id(), false, List.of(), CompletableFuture.completedFuture(null));
        }
        List<Observation> observations = observe(rule, now);
        Map<String, Versioned<AlertState>> previous = new HashMap<>();
        for (Versioned<AlertState> s : store.search(AlertIndices.STATE, Map.of("ruleId", rule.id()), List.of(),
                10_000, AlertState.class)) {
            previous.put(s.document().group(), s);
        }
        forgetOldResolved(previous, now);
        Map<String, AlertState> previousStates = previous.values().stream()
                .collect(Collectors.toMap(v -> v.document().group(), Versioned::document));
        Evaluation evaluation = machine.evaluate(rule, previousStates, observations,
                lease.get().lease().recentNotifications(), now);

        HashSet<String> conflicted = new HashSet<>();
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
                store.append(IndexNames.ALERTS, t.timestamp(), t);
            }
        }
        List<Notification> toSend = evaluation.notifications().stream()
                .filter(n -> !conflicted.contains(n.groupKey())).toList();
        RuleLease done = new RuleLease(rule.id(), instanceId, now.plus(leaseDuration), now,
                evaluation.recentNotifications());
        if (store.replace(AlertIndices.LEASES, rule.id(), done, lease.get().version()).isEmpty()) {
            log.warn("Lease of rule {} was taken over during evaluation; not notifying", rule.id());
            return new Outcome(rule.id(), true, List.of(), CompletableFuture.completedFuture(null));
        }
        List<CompletableFuture<List<DeliveryResult>>> sends = new ArrayList<>();
        for (Notification n : toSend) {
            sends.add(delivery.deliverAll(rule.channels(), n).whenComplete((results, error) ->
                    recordDelivery(rule, n, results, error)));
        }
        return new Outcome(rule.id(), true, toSend,
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)));
    }

    /**
     * Groups resolved longer than {@link #FORGET_RESOLVED_AFTER} ago and not snoozed are deleted, so per-user or
     * per-host rules do not accumulate state documents forever; their history stays in the daily indices.
     */
    private void forgetOldResolved(Map<String, Versioned<AlertState>> previous, Instant now) {
        previous.values().removeIf(v -> {
            AlertState s = v.document();
            boolean old = s.status() == io.logwarden.alert.AlertStatus.RESOLVED && s.resolvedAt() != null
                    && s.resolvedAt().isBefore(now.minus(FORGET_RESOLVED_AFTER)) && !s.snoozed(now);
            if (old) {
                store.delete(AlertIndices.STATE, v.id());
            }
            return old;
        });
    }

    private void recordDelivery(AlertRule rule, Notification n, List<DeliveryResult> results, Throwable error) {
        try {
            boolean allDelivered = error == null && results.stream()
                    .allMatch(r -> r.delivered() || r.outcome() == DeliveryResult.Outcome.SKIPPED);
            String message = error != null ? "delivery failed: " + error
                    : results.stream().map(r -> r.channel() + " " + r.outcome().name().toLowerCase()
                            + (r.attempts() > 1 ? " after " + r.attempts() + " attempts" : "")
                            + (r.error() == null ? "" : " (" + r.error() + ")"))
                    .collect(Collectors.joining("; "));
            store.append(IndexNames.ALERTS, Instant.now(), new AlertTransition(Instant.now(),
                    new AlertTransition.RuleRef(rule.id(), rule.name()), n.groupKey(),
                    allDelivered ? "notified" : "delivery_failed", rule.severity().label(),
                    n.status().name().toLowerCase() + ": " + (message.isEmpty() ? "no channel" : message), 0,
                    "system"));
        } catch (RuntimeException e) {
            log.warn("Recording the delivery of {} failed: {}", n.id(), e.getMessage());
        }
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
                lease.recentNotifications());
        return store.replace(AlertIndices.LEASES, rule.id(), mine, current.get().version())
                .map(v -> new Leased(mine, v));
    }

    /** What the rule's condition looks like now, per group. */
    public List<Observation> observe(AlertRule rule, Instant now) {
        Instant from = now.minus(rule.window());
        return switch (rule.kind()) {
            case QUERY_MATCH, COUNT_THRESHOLD -> Conditions.count(rule,
                    counts.countByGroup(rule.query(), rule.scope(), rule.groupBy(), from, now, MAX_GROUPS));
            case ERROR_RATE -> Conditions.errorRate(rule,
                    counts.countByGroup(rule.query(), rule.scope(), rule.groupBy(), from, now, MAX_GROUPS),
                    counts.countByGroup(and(rule.query(), rule.errorQuery()), rule.scope(), rule.groupBy(), from,
                            now, MAX_GROUPS));
            case ABSENCE -> Conditions.absence(rule,
                    counts.countByGroup(rule.query(), rule.scope(), rule.groupBy(), from, now, MAX_GROUPS),
                    rule.groupBy() == null ? java.util.Set.of() : counts.countByGroup(rule.query(), rule.scope(),
                            rule.groupBy(), from.minus(rule.window().multipliedBy(ABSENCE_BASELINE_WINDOWS)), from,
                            MAX_GROUPS).keySet());
            case ANOMALY -> Conditions.anomaly(rule, anomalies(rule, from, now));
            case HEALTH -> Conditions.health(rule, signals.health(now));
        };
    }

    /** Anomalies stored by the detectors (any instance) plus those published to this instance, in scope. */
    private List<AnomalyDetectedEvent> anomalies(AlertRule rule, Instant from, Instant now) {
        List<AnomalyDetectedEvent> all = new ArrayList<>(signals.anomalies(from, now).stream()
                .filter(e -> inScope(rule, e.serviceName(), e.organizationId())).toList());
        if (anomalyScores != null) {
            for (AnomalyScores.Anomaly a : anomalyScores.top(rule.scope(), from, now, MAX_GROUPS)) {
                all.add(new AnomalyDetectedEvent(a.timestamp(), a.detector(), a.entity() == null ? "" : a.entity(),
                        a.score(), null, a.explanation(), a.serviceName(), null));
            }
        }
        return all;
    }

    private static boolean inScope(AlertRule rule, String service, String organization) {
        if (rule.scope().matchNothing()) {
            return false;
        }
        var allowed = rule.scope().allowedValues();
        return (!allowed.containsKey("service.name") || allowed.get("service.name").contains(service))
                && (!allowed.containsKey("organization.id") || allowed.get("organization.id").contains(organization));
    }

    static String and(String query, String other) {
        return query == null || query.isBlank() ? other : "(" + query + ") AND (" + other + ")";
    }
}
