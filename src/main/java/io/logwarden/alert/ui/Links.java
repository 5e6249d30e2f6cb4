package io.logwarden.alert.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import java.util.Locale;

/** Action links (to events, anomalies, the System view): only plain http(s) or relative links become anchors. */
final class Links {

    private Links() {
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
