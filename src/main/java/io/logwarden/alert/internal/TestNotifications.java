package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.Notification;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.delivery.DeliveryTarget;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * "Send a test notification": a sample notification of the rule, sent once to every target (recipients' personal
 * channels included) and not queued: the person testing sees each target's outcome at once.
 */
public class TestNotifications {

    private final DeliveryService delivery;
    private final RecipientRouter router;
    private final AlertLinks links;

    public TestNotifications(DeliveryService delivery, RecipientRouter router, AlertLinks links) {
        this.delivery = delivery;
        this.router = router;
        this.links = links;
    }

    /** Sends to every target of {@code rule} (in its owner's scope) in parallel; one result per target. */
    public List<DeliveryResult> send(AlertRule rule, Instant now) {
        Map<String, String> fields = new HashMap<>();
        fields.put("value", AlertStateMachine.format(rule.threshold() + 1));
        fields.put("threshold", AlertStateMachine.format(rule.threshold()));
        fields.put("window", AlertStateMachine.format(rule.window()));
        fields.put("query", rule.query());
        fields.put("count", "1");
        fields.put("event.message", "This is a test notification from Logwarden.");
        fields.put("last.message", "This is a test notification from Logwarden.");
        Notification test = new Notification("test-" + UUID.randomUUID(), rule.id(), rule.name(), rule.severity(),
                AlertStatus.FIRING, "test", rule.titleTemplate(), rule.messageTemplate(), fields,
                links.link(rule, "", Map.of(), now.minus(rule.window()), now), now, true);
        List<CompletableFuture<DeliveryResult>> sends = new ArrayList<>();
        for (DeliveryTarget target : router.targets(rule, rule.scope(), test)) {
            if (target.skipReason() != null) {
                sends.add(CompletableFuture.completedFuture(new DeliveryResult(target.config().type(),
                        DeliveryResult.Outcome.SKIPPED, 0, target.skipReason(), target.label())));
            } else {
                sends.add(CompletableFuture.supplyAsync(() -> delivery.attempt(target.config(),
                        target.notification(), target.label(), 1).result(), Thread::startVirtualThread));
            }
        }
        return sends.stream().map(CompletableFuture::join).toList();
    }
}
