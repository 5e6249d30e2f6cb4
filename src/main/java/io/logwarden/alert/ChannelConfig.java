package io.logwarden.alert;

import java.util.Map;
import java.util.Objects;

/**
 * One configured notification destination of a rule.
 *
 * @param type     the channel kind
 * @param settings the kind-specific settings, see {@link ChannelType}; validated at save time
 * @param minSeverity notifications below this severity are not sent to this channel (null: all)
 */
public record ChannelConfig(ChannelType type, Map<String, String> settings, Severity minSeverity) {

    public ChannelConfig {
        Objects.requireNonNull(type, "type");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public ChannelConfig(ChannelType type, Map<String, String> settings) {
        this(type, settings, null);
    }

    public String setting(String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public boolean accepts(Severity severity) {
        return minSeverity == null || severity.atLeast(minSeverity);
    }
}
