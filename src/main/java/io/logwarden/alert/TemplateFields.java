package io.logwarden.alert;

import java.util.Set;

/** The placeholders a rule's title and message templates may use: anything else is rejected at save time. */
public final class TemplateFields {

    public static final Set<String> ALL = Set.of(
            "rule.id", "rule.name", "rule.kind", "severity", "status", "group", "group.field",
            "value", "threshold", "window", "count", "link", "timestamp", "alert.id", "query",
            "event.message", "event.service", "anomaly.score", "health.component", "health.details");

    public static final String DEFAULT_TITLE = "[{{severity}}] {{rule.name}} {{status}}";
    public static final String DEFAULT_BODY =
            "{{rule.name}} is {{status}} for {{group}}: value {{value}} (threshold {{threshold}}, window {{window}}).\n{{link}}";

    private TemplateFields() {
    }
}
