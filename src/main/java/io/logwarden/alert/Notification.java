package io.logwarden.alert;

import java.time.Instant;
import java.util.HashMap;
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
 * @param redactions    masked replacements of the values that are personal data: template field → masked value,
 *                      plus {@code group} and {@code link} when the group is personal data; applied by
 *                      {@link #redacted()} for recipients without PII access
 */
public record Notification(String id, String ruleId, String ruleName, Severity severity, AlertStatus status,
                           String groupKey, String titleTemplate, String bodyTemplate, Map<String, String> fields,
                           String link, Instant timestamp, boolean test, Map<String, String> redactions) {

    public static final String GROUP = "group";
    public static final String LINK = "link";

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        groupKey = groupKey == null ? "" : groupKey;
        titleTemplate = titleTemplate == null ? TemplateFields.DEFAULT_TITLE : titleTemplate;
        bodyTemplate = bodyTemplate == null ? TemplateFields.DEFAULT_BODY : bodyTemplate;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        redactions = redactions == null ? Map.of() : Map.copyOf(redactions);
    }

    public Notification(String id, String ruleId, String ruleName, Severity severity, AlertStatus status,
                        String groupKey, String titleTemplate, String bodyTemplate, Map<String, String> fields,
                        String link, Instant timestamp, boolean test) {
        this(id, ruleId, ruleName, severity, status, groupKey, titleTemplate, bodyTemplate, fields, link, timestamp,
                test, Map.of());
    }

    /** The same notification as someone without PII access may see it. */
    public Notification redacted() {
        if (redactions.isEmpty()) {
            return this;
        }
        Map<String, String> masked = new HashMap<>(fields);
        redactions.forEach((field, value) -> {
            if (masked.containsKey(field)) {
                masked.put(field, value);
            }
        });
        return new Notification(id, ruleId, ruleName, severity, status, redactions.getOrDefault(GROUP, groupKey),
                titleTemplate, bodyTemplate, masked, redactions.getOrDefault(LINK, link), timestamp, test, Map.of());
    }

    public Notification withFields(Map<String, String> more, Map<String, String> moreRedactions) {
        Map<String, String> all = new HashMap<>(fields);
        all.putAll(more);
        Map<String, String> allRedactions = new HashMap<>(redactions);
        allRedactions.putAll(moreRedactions);
        return new Notification(id, ruleId, ruleName, severity, status, groupKey, titleTemplate, bodyTemplate, all,
                link, timestamp, test, allRedactions);
    }
}
