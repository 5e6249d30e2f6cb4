package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Links from alerts to what they are about: the matching events in the Search view ({@code search?q=&from=&to=},
 * narrowed to the group), the anomaly in the Anomalies view ({@code anomalies?id=}), or the System view for HEALTH
 * rules.
 */
public final class AlertLinks implements AlertStateMachine.LinkBuilder {

    private final String base;

    public AlertLinks(String publicBaseUrl) {
        this.base = publicBaseUrl.replaceAll("/+$", "");
    }

    @Override
    public String link(AlertRule rule, String group, Map<String, String> fields, Instant from, Instant to) {
        return base + "/" + relative(rule, group, fields, from, to);
    }

    /** The same link relative to the application root (for the UI). */
    public static String relative(AlertRule rule, String group, Map<String, String> fields, Instant from,
                                  Instant to) {
        return switch (rule.kind()) {
            case ANOMALY -> {
                String id = fields.get("anomaly.id");
                yield id == null || id.isBlank() ? "anomalies" : "anomalies?id=" + encode(id);
            }
            case HEALTH -> "system";
            default -> {
                String query = rule.query();
                if (rule.groupBy() != null && group != null && !group.isEmpty()) {
                    String term = rule.groupBy() + ":\"" + group.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                    query = query.isBlank() ? term : "(" + query + ") AND " + term;
                }
                yield "search?q=" + encode(query) + (from == null ? "" : "&from=" + encode(from.toString()))
                        + (to == null ? "" : "&to=" + encode(to.toString()));
            }
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
