package io.logwarden.alert.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import io.logwarden.alert.AlertRule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** Links to the matching events; links coming from stored data are only used when they are plain http(s)/relative. */
final class Links {

    private Links() {
    }

    /** The search view for a rule's query, narrowed to one group value, from {@code from} until now. */
    static String events(AlertRule rule, String group, Instant from) {
        String query = rule == null ? "" : rule.query();
        if (rule != null && rule.groupBy() != null && group != null && !group.isEmpty()) {
            String term = rule.groupBy() + ":\"" + group.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            query = query.isBlank() ? term : "(" + query + ") AND " + term;
        }
        String link = "search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return from == null ? link : link + "&from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8);
    }

    /** True for http(s) URLs and same-site relative paths; rejects javascript:, data: and the like. */
    static boolean safe(String link) {
        if (link == null || link.isBlank()) {
            return false;
        }
        String lower = link.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return true;
        }
        if (lower.startsWith("//") || lower.startsWith("\\")) {
            return false;
        }
        // a relative reference has no scheme: no ':' before the first '/', '?' or '#'
        int colon = lower.indexOf(':');
        int end = lower.length();
        for (char c : new char[]{'/', '?', '#'}) {
            int at = lower.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return colon < 0 || colon > end;
    }

    /** An anchor when the link is safe, else an empty span. */
    static Component anchor(String link, String text) {
        if (!safe(link)) {
            return new Span("");
        }
        Anchor anchor = new Anchor(link.trim(), text);
        anchor.setTarget("_blank");
        return anchor;
    }
}
