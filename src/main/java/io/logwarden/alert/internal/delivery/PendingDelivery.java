package io.logwarden.alert.internal.delivery;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.Notification;
import java.time.Instant;

/**
 * A notification not yet delivered to one target, in {@code .logwarden-alert-outbox}; deleted once delivered, failed
 * permanently or expired. Written only with optimistic concurrency: the instance that claims it is the only one
 * sending it until {@code claimedUntil}.
 *
 * @param id              notification id, {@code #} and the target's position
 * @param ruleId          the rule
 * @param ruleName        its name (for the history)
 * @param severity        the rule's severity label (for the history)
 * @param target          what is addressed, without secrets
 * @param channel         the channel configuration to send over (secret references stay unresolved)
 * @param notification    what to send, already as the recipient may see it
 * @param attempts        attempts made so far
 * @param createdAt       when the notification was queued
 * @param nextAttemptAt   not before then
 * @param claimedBy       instance sending it now, null when free
 * @param claimedUntil    the claim's expiry, null when free
 * @param lastError       error of the last attempt
 * @param failureRecorded whether the history already says it keeps failing
 */
public record PendingDelivery(String id, String ruleId, String ruleName, String severity, String target,
                              ChannelConfig channel, Notification notification, int attempts, Instant createdAt,
                              Instant nextAttemptAt, String claimedBy, Instant claimedUntil, String lastError,
                              boolean failureRecorded) {

    PendingDelivery claimed(String instance, Instant until) {
        return new PendingDelivery(id, ruleId, ruleName, severity, target, channel, notification, attempts, createdAt,
                nextAttemptAt, instance, until, lastError, failureRecorded);
    }

    PendingDelivery retryAt(int attempt, Instant next, String error, boolean recorded) {
        return new PendingDelivery(id, ruleId, ruleName, severity, target, channel, notification, attempt, createdAt,
                next, null, null, error, recorded);
    }

    boolean claimedAt(Instant now) {
        return claimedUntil != null && claimedUntil.isAfter(now);
    }
}
