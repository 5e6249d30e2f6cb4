package io.logwarden.alert;

import java.time.Instant;

/**
 * Current state of one alert group (rule × group value), stored in {@code .logwarden-alert-state}.
 *
 * @param id                  {@link #idOf(String, String)}
 * @param ruleId              the rule
 * @param group               the group value ("" when the rule is not grouped)
 * @param status              FIRING or RESOLVED (OK groups are not stored)
 * @param firingSince         start of the current (or last) firing period
 * @param resolvedAt          end of the last firing period, null while firing
 * @param lastValue           last observed value (count, percentage, score)
 * @param lastNotifiedAt      last notification sent for this firing period, null if none yet
 * @param notificationPending a firing notification is due but waits (quiet hours, throttling, snooze)
 * @param acknowledgedBy      who acknowledged the current firing period (stops re-notifications)
 * @param acknowledgedAt      when
 * @param snoozedUntil        no notifications for this group until then
 * @param snoozedBy           who snoozed it
 */
public record AlertState(String id, String ruleId, String group, AlertStatus status, Instant firingSince,
                         Instant resolvedAt, double lastValue, Instant lastNotifiedAt, boolean notificationPending,
                         String acknowledgedBy, Instant acknowledgedAt, Instant snoozedUntil, String snoozedBy) {

    /**
     * Path-safe, stable id: the rule id and a hash of the group value (not the value itself: a group can be personal
     * data, such as a user name, and the id is shown to users who see it masked).
     */
    public static String idOf(String ruleId, String group) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(group.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ruleId + "~" + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The same state showing another group value (masked for viewers without PII access). */
    public AlertState withGroup(String shown) {
        return new AlertState(id, ruleId, shown, status, firingSince, resolvedAt, lastValue, lastNotifiedAt,
                notificationPending, acknowledgedBy, acknowledgedAt, snoozedUntil, snoozedBy);
    }

    public boolean firing() {
        return status == AlertStatus.FIRING;
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    public boolean snoozed(Instant now) {
        return snoozedUntil != null && snoozedUntil.isAfter(now);
    }

    public AlertState acknowledge(String user, Instant at) {
        return new AlertState(id, ruleId, group, status, firingSince, resolvedAt, lastValue, lastNotifiedAt, false,
                user, at, snoozedUntil, snoozedBy);
    }

    public AlertState snooze(String user, Instant until) {
        return new AlertState(id, ruleId, group, status, firingSince, resolvedAt, lastValue, lastNotifiedAt,
                notificationPending, acknowledgedBy, acknowledgedAt, until, user);
    }
}
