package io.logwarden.alert;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The placeholders a rule's title and message templates may use: anything else is rejected at save time. */
public final class TemplateFields {

    /**
     * Fields of the matching events offered as {@code first.<name>} (the oldest matching event in the window) and
     * {@code last.<name>} (the newest), for QUERY_MATCH, COUNT_THRESHOLD and ERROR_RATE (the error events) firing
     * notifications: name → event field.
     */
    public static final List<String[]> EVENT_FIELDS = List.of(
            new String[]{"message", "message"}, new String[]{"service", "service.name"},
            new String[]{"host", "host.name"}, new String[]{"level", "log.level"},
            new String[]{"action", "event.action"}, new String[]{"user", "user.name"},
            new String[]{"trace", "trace.id"}, new String[]{"timestamp", "@timestamp"});

    public static final Set<String> ALL;

    static {
        Set<String> all = new TreeSet<>(Set.of(
                "rule.id", "rule.name", "rule.kind", "severity", "status", "group", "group.field",
                "value", "threshold", "window", "count", "total", "link", "timestamp", "alert.id", "query",
                "event.message", "event.service", "anomaly.score", "anomaly.severity", "anomaly.id",
                "anomaly.detector", "health.component", "health.details"));
        for (String[] field : EVENT_FIELDS) {
            all.add("first." + field[0]);
            all.add("last." + field[0]);
        }
        ALL = Set.copyOf(all);
    }

    public static final String DEFAULT_TITLE = "[{{severity}}] {{rule.name}} {{status}}";
    public static final String DEFAULT_BODY =
            "{{rule.name}} is {{status}} for {{group}}: value {{value}} (threshold {{threshold}}, window {{window}}).\n{{link}}";

    private TemplateFields() {
    }
}
