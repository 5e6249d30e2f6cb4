package io.logwarden.alert.ui;

import com.vaadin.flow.component.html.Span;
import io.logwarden.alert.Severity;
import java.util.Locale;

/** Severity badges: Lumo badge styling, text only. */
final class Severities {

    private Severities() {
    }

    static Span badge(Severity severity) {
        return badge(severity == null ? null : severity.label());
    }

    static Span badge(String label) {
        String text = label == null ? "?" : label.toLowerCase(Locale.ROOT);
        Span badge = new Span(text);
        badge.addClassNames("severity-badge", "severity-" + switch (text) {
            case "critical", "high", "medium", "low", "info" -> text;
            default -> "unknown";
        });
        return badge;
    }
}
