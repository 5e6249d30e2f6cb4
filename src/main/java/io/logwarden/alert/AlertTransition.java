package io.logwarden.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One entry of an alert's history, stored in {@code logwarden-alerts-YYYY.MM.DD}.
 *
 * @param timestamp when
 * @param rule      the rule
 * @param group     the group value
 * @param state     firing, resolved, notified, suppressed, delivery_failed, acknowledged, snoozed
 * @param severity  the rule's severity
 * @param message   human-readable detail (delivery results, reason for suppression)
 * @param value     observed value at the transition
 * @param actor     user for acknowledge/snooze, else "system"
 */
public record AlertTransition(@JsonProperty("@timestamp") Instant timestamp, RuleRef rule, String group,
                              String state, String severity, String message, double value, String actor) {

    /** @param id rule id @param name rule name */
    public record RuleRef(String id, String name) {
    }
}
