package io.logwarden.alert.internal.rule;

import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.Notification;
import java.time.Instant;
import java.util.List;

/**
 * Result of one evaluation of a rule: state documents to write, history entries to append, notifications to send,
 * and the notification times for throttling.
 */
public record Evaluation(List<AlertState> states, List<AlertTransition> transitions, List<Notification> notifications,
                         List<Instant> recentNotifications) {
}
