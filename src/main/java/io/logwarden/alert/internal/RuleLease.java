package io.logwarden.alert.internal;

import java.time.Instant;
import java.util.List;

/**
 * Lease of one rule's evaluation, in {@code .logwarden-alert-leases}; written only with optimistic concurrency.
 * It also carries the rule's run state, which only the lease holder writes.
 *
 * @param ruleId              the rule
 * @param owner               instance id holding the lease
 * @param expiresAt           after this another instance may take over
 * @param lastEvaluatedAt     last completed evaluation (successful or not)
 * @param recentNotifications send times within the last hour, for throttling
 * @param lastError           why the last evaluation failed, null when it succeeded
 * @param lastErrorAt         since when it fails with that error
 */
public record RuleLease(String ruleId, String owner, Instant expiresAt, Instant lastEvaluatedAt,
                        List<Instant> recentNotifications, String lastError, Instant lastErrorAt) {

    public RuleLease {
        recentNotifications = recentNotifications == null ? List.of() : List.copyOf(recentNotifications);
    }

    public RuleLease(String ruleId, String owner, Instant expiresAt, Instant lastEvaluatedAt,
                     List<Instant> recentNotifications) {
        this(ruleId, owner, expiresAt, lastEvaluatedAt, recentNotifications, null, null);
    }
}
