package io.logwarden.alert.internal.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How a placeholder value is escaped for the output it lands in. Literal template text is never escaped. */
@FunctionalInterface
public interface Escaper {

    String escape(String value);

    Escaper NONE = value -> value;

    Escaper HTML = value -> {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    };

    /** Slack and Telegram-HTML-free text: only the three characters Slack's mrkdwn treats as control. */
    Escaper SLACK = value -> value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");

    /** For values placed inside a JSON string literal of a user-written body template. */
    Escaper JSON_STRING = value -> {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    };

    /** For application/x-www-form-urlencoded bodies and query strings. */
    Escaper URL_FORM = value -> URLEncoder.encode(value, StandardCharsets.UTF_8);
}
