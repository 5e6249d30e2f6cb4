package io.logwarden.alert.internal.template;

import io.logwarden.alert.Notification;
import io.logwarden.alert.TemplateFields;
import java.util.HashMap;
import java.util.Map;

/** Renders a notification's title and body for one channel's escaping. */
public final class NotificationRenderer {

    private NotificationRenderer() {
    }

    public static String title(Notification notification, Escaper escaper) {
        return MessageTemplate.parse("title template", notification.titleTemplate(), TemplateFields.ALL)
                .render(values(notification), escaper);
    }

    public static String body(Notification notification, Escaper escaper) {
        return MessageTemplate.parse("message template", notification.bodyTemplate(), TemplateFields.ALL)
                .render(values(notification), escaper);
    }

    /** The notification's fields plus the ones every notification has. */
    public static Map<String, String> values(Notification n) {
        Map<String, String> values = new HashMap<>(n.fields());
        values.putIfAbsent("rule.id", n.ruleId() == null ? "" : n.ruleId());
        values.putIfAbsent("rule.name", n.ruleName() == null ? "" : n.ruleName());
        values.putIfAbsent("severity", n.severity().label());
        values.putIfAbsent("status", n.status().name().toLowerCase(java.util.Locale.ROOT));
        values.putIfAbsent("group", n.groupKey().isEmpty() ? "all events" : n.groupKey());
        values.putIfAbsent("link", n.link() == null ? "" : n.link());
        values.putIfAbsent("timestamp", n.timestamp().toString());
        return values;
    }
}
