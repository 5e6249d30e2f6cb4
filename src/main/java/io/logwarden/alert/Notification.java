package io.logwarden.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message about an alert, to be sent over one or more channels. Title and body are templates
 * ({@code {{field}}} placeholders) that each channel renders with its own escaping from {@link #fields()}.
 *
 * @param id            unique per notification; channels pass it on so receivers can de-duplicate retries
 * @param ruleId        the rule that fired
 * @param ruleName      its display name
 * @param severity      the rule's severity
 * @param status        FIRING or RESOLVED
 * @param groupKey      the group value (empty when the rule is not grouped)
 * @param titleTemplate short title template
 * @param bodyTemplate  message template
 * @param fields        values for the placeholders (see {@link TemplateFields})
 * @param link          link back to the matching events or anomaly
 * @param timestamp     when the transition happened
 * @param test          true for "send a test notification"
 */
public record Notification(String id, String ruleId, String ruleName, Severity severity, AlertStatus status,
                           String groupKey, String titleTemplate, String bodyTemplate, Map<String, String> fields,
                           String link, Instant timestamp, boolean test) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        groupKey = groupKey == null ? "" : groupKey;
        titleTemplate = titleTemplate == null ? TemplateFields.DEFAULT_TITLE : titleTemplate;
        bodyTemplate = bodyTemplate == null ? TemplateFields.DEFAULT_BODY : bodyTemplate;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
