package io.logwarden.alert.internal.delivery;

import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.DeliveryResult.Outcome;
import io.logwarden.alert.Notification;
import io.logwarden.alert.internal.AlertIndices;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Sort;
import io.logwarden.storage.VersionedDocumentStore.Version;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries kept in Elasticsearch until done. A notification is queued as one {@link PendingDelivery} per target
 * (claimed by the queuing instance, which tries it at once); a temporary failure reschedules it with back-off, and
 * every instance's {@link #dispatchDue} retries what is due and not claimed by a live instance, so an outage of any
 * length or a restart loses nothing. A claim is taken with optimistic concurrency, so one delivery is sent by one
 * instance at a time; only a crash between the receiver's answer and the outbox update can send it twice (receivers
 * de-duplicate by the notification id, {@code X-Logwarden-Delivery}).
 */
public final class DeliveryOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutbox.class);
    static final int BATCH = 200;

    private final VersionedDocumentStore store;
    private final DeliveryService delivery;
    private final String instanceId;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public DeliveryOutbox(VersionedDocumentStore store, DeliveryService delivery, String instanceId) {
        this.store = store;
        this.delivery = delivery;
        this.instanceId = instanceId;
    }

    /**
     * Queues the notification for each target and tries each once right away (in the background). The future
     * completes with those first attempts' results; failed ones stay queued for {@link #dispatchDue}.
     */
    public CompletableFuture<List<DeliveryResult>> enqueue(String ruleId, String ruleName, String severity,
                                                           List<DeliveryTarget> targets, Notification n,
                                                           Instant now) {
        List<CompletableFuture<DeliveryResult>> attempts = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            DeliveryTarget target = targets.get(i);
            if (target.skipReason() != null) {
                DeliveryResult skipped = new DeliveryResult(target.config().type(), Outcome.SKIPPED, 0,
                        target.skipReason(), target.label());
                history(ruleId, ruleName, severity, n, "delivery_failed", target.label() + " skipped: "
                        + target.skipReason(), now);
                attempts.add(CompletableFuture.completedFuture(skipped));
                continue;
            }
            PendingDelivery entry = new PendingDelivery(n.id() + "#" + i, ruleId, ruleName, severity, target.label(),
                    target.config(), target.notification(), 0, now, now, instanceId,
                    now.plus(delivery.settings().claimTimeout()), null, false);
            Optional<Version> created = store.create(AlertIndices.OUTBOX, entry.id(), entry);
            if (created.isEmpty()) {
                continue; // queued before (the same notification id): its delivery is already under way
            }
            Versioned<PendingDelivery> claimed = new Versioned<>(entry.id(), entry, created.get());
            attempts.add(CompletableFuture.supplyAsync(() -> attemptClaimed(claimed, now), executor));
        }
        return CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new))
                .thenApply(done -> attempts.stream().map(CompletableFuture::join).toList());
    }

    /** Tries once every queued delivery that is due and not claimed by a live instance; returns the results. */
    public List<DeliveryResult> dispatchDue(Instant now) {
        List<DeliveryResult> results = new ArrayList<>();
        for (Versioned<PendingDelivery> candidate : store.search(AlertIndices.OUTBOX, Map.of(),
                List.of(new Sort("nextAttemptAt", false)), BATCH, PendingDelivery.class)) {
            PendingDelivery entry = candidate.document();
            if (entry.nextAttemptAt().isAfter(now) || entry.claimedAt(now)) {
                continue;
            }
            PendingDelivery mine = entry.claimed(instanceId, now.plus(delivery.settings().claimTimeout()));
            Optional<Version> claimed = store.replace(AlertIndices.OUTBOX, entry.id(), mine, candidate.version());
            if (claimed.isPresent()) {
                results.add(attemptClaimed(new Versioned<>(entry.id(), mine, claimed.get()), now));
            }
        }
        return results;
    }

    /** Deliveries still queued (for tests and the UI). */
    public List<PendingDelivery> pending(String ruleId) {
        return store.search(AlertIndices.OUTBOX, Map.of("ruleId", ruleId), List.of(), BATCH, PendingDelivery.class)
                .stream().map(Versioned::document).toList();
    }

    private DeliveryResult attemptClaimed(Versioned<PendingDelivery> claimed, Instant now) {
        PendingDelivery entry = claimed.document();
        int attempt = entry.attempts() + 1;
        try {
            if (!now.isBefore(entry.createdAt().plus(delivery.settings().expireAfter()))) {
                DeliveryResult expired = new DeliveryResult(entry.channel().type(), Outcome.EXPIRED, entry.attempts(),
                        entry.lastError(), entry.target());
                delivery.report(expired);
                finish(entry, expired, now);
                return expired;
            }
            DeliveryService.Attempt result = delivery.attempt(entry.channel(), entry.notification(), entry.target(),
                    attempt);
            if (result.result().finished()) {
                finish(entry, result.result(), now);
                return result.result();
            }
            boolean keepsFailing = attempt >= delivery.settings().maxAttempts();
            Instant next = now.plus(delivery.waitAfter(attempt, result.retryAfter()));
            PendingDelivery retry = entry.retryAt(attempt, next, result.result().error(),
                    entry.failureRecorded() || keepsFailing);
            if (store.replace(AlertIndices.OUTBOX, entry.id(), retry, claimed.version()).isEmpty()) {
                log.warn("Pending delivery {} changed while it was being sent", entry.id());
            }
            if (keepsFailing && !entry.failureRecorded()) {
                history(entry, "delivery_failed", entry.target() + " still failing after " + attempt
                        + " attempts, retrying until " + entry.createdAt().plus(delivery.settings().expireAfter())
                        + ": " + result.result().error(), now);
            }
            return result.result();
        } catch (RuntimeException e) {
            // Elasticsearch unreachable: the claim expires and the delivery is retried later.
            log.warn("Pending delivery {} could not be updated: {}", entry.id(), e.getMessage());
            return new DeliveryResult(entry.channel().type(), Outcome.FAILED_TEMPORARY, attempt, e.getMessage(),
                    entry.target());
        }
    }

    private void finish(PendingDelivery entry, DeliveryResult result, Instant now) {
        store.delete(AlertIndices.OUTBOX, entry.id());
        String status = entry.notification().status().name().toLowerCase(Locale.ROOT) + ": ";
        switch (result.outcome()) {
            case DELIVERED -> history(entry, "notified", status + entry.target() + " delivered"
                    + (result.attempts() > 1 ? " after " + result.attempts() + " attempts" : ""), now);
            case SKIPPED -> { }
            case EXPIRED -> history(entry, "delivery_failed", status + entry.target() + " given up after "
                    + result.attempts() + " attempts: " + result.error(), now);
            default -> history(entry, "delivery_failed", status + entry.target() + " failed permanently: "
                    + result.error(), now);
        }
    }

    private void history(PendingDelivery entry, String state, String message, Instant now) {
        history(entry.ruleId(), entry.ruleName(), entry.severity(), entry.notification(), state, message, now);
    }

    private void history(String ruleId, String ruleName, String severity, Notification n, String state,
                         String message, Instant now) {
        try {
            store.append(IndexNames.ALERTS, now, new AlertTransition(now, new AlertTransition.RuleRef(ruleId,
                    ruleName), n.groupKey(), state, severity, message, 0, "system"));
        } catch (RuntimeException e) {
            log.warn("Recording the delivery of {} failed: {}", n.id(), e.getMessage());
        }
    }

    /** Stops the immediate first attempts in flight; their deliveries stay queued. Never waits for back-offs. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
