package io.logwarden.alert;

import java.time.Instant;

/**
 * An entry of a user's notification centre, stored in {@code .logwarden-notifications}.
 *
 * @param id           unique id
 * @param user         recipient username
 * @param ruleId       rule that produced it
 * @param ruleName     its name
 * @param alertId      the alert group ({@link AlertState#id()})
 * @param severity     severity label
 * @param severityRank numeric severity (higher first in priority ordering)
 * @param status       firing or resolved
 * @param title        rendered title (plain text: the UI escapes it)
 * @param message      rendered message (plain text)
 * @param link         action link to the events or anomaly
 * @param createdAt    when
 * @param read         whether the user has read it
 * @param deliveredAt  when it was stored (later than {@code createdAt} after a delivery retry); bells of every
 *                     instance look for new ones by it
 */
public record InAppNotification(String id, String user, String ruleId, String ruleName, String alertId,
                                String severity, int severityRank, String status, String title, String message,
                                String link, Instant createdAt, boolean read, Instant deliveredAt) {

    public InAppNotification(String id, String user, String ruleId, String ruleName, String alertId, String severity,
                             int severityRank, String status, String title, String message, String link,
                             Instant createdAt, boolean read) {
        this(id, user, ruleId, ruleName, alertId, severity, severityRank, status, title, message, link, createdAt,
                read, createdAt);
    }

    public InAppNotification markRead() {
        return new InAppNotification(id, user, ruleId, ruleName, alertId, severity, severityRank, status, title,
                message, link, createdAt, true, deliveredAt);
    }

    public InAppNotification deliveredAt(Instant at) {
        return new InAppNotification(id, user, ruleId, ruleName, alertId, severity, severityRank, status, title,
                message, link, createdAt, read, at);
    }
}
