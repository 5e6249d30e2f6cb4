package io.logwarden.alert.ui;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Channels edited as text, one per line: {@code TYPE; key=value; key=value}, with the optional pseudo-setting
 * {@code minSeverity=HIGH}. Values may contain commas (e-mail lists) but not semicolons. Masked secrets
 * ({@code ******}) round-trip unchanged, so the service keeps the stored secret.
 */
final class ChannelLines {

    static final String MIN_SEVERITY = "minSeverity";

    private ChannelLines() {
    }

    static String format(List<ChannelConfig> channels) {
        StringBuilder text = new StringBuilder();
        for (ChannelConfig channel : channels) {
            text.append(channel.type().name());
            if (channel.minSeverity() != null) {
                text.append("; ").append(MIN_SEVERITY).append('=').append(channel.minSeverity().name());
            }
            new java.util.TreeMap<>(channel.settings())
                    .forEach((k, v) -> text.append("; ").append(k).append('=').append(v));
            text.append('\n');
        }
        return text.toString().strip();
    }

    /** Throws {@link IllegalArgumentException} naming the line and the problem. */
    static List<ChannelConfig> parse(String text) {
        List<ChannelConfig> channels = new ArrayList<>();
        if (text == null) {
            return channels;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(";");
            ChannelType type;
            try {
                type = ChannelType.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("channel line " + (i + 1) + ": unknown channel type '"
                        + parts[0].strip() + "' (one of " + java.util.Arrays.toString(ChannelType.values()) + ")");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            Severity min = null;
            for (int p = 1; p < parts.length; p++) {
                String part = parts[p].strip();
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("channel line " + (i + 1) + ": '" + part
                            + "' is not key=value");
                }
                String key = part.substring(0, eq).strip();
                String value = part.substring(eq + 1).strip();
                if (key.equals(MIN_SEVERITY)) {
                    try {
                        min = Severity.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("channel line " + (i + 1) + ": unknown severity '"
                                + value + "'");
                    }
                } else {
                    settings.put(key, value);
                }
            }
            channels.add(new ChannelConfig(type, settings, min));
        }
        return channels;
    }
}
