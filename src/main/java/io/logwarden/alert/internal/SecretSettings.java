package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.ChannelConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Channel settings that are credentials (webhook secrets, bot tokens, auth headers, passwords) are never sent back
 * to clients: reads show {@link #MASK}, and an update that sends the mask back keeps the stored value.
 */
public final class SecretSettings {

    public static final String MASK = "******";

    private SecretSettings() {
    }

    static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("token") || k.contains("password")
                || k.equals("header.authorization") || k.contains("apikey") || k.contains("api-key");
    }

    public static AlertRule mask(AlertRule rule) {
        return withChannels(rule, rule.channels().stream().map(c -> {
            Map<String, String> settings = new HashMap<>(c.settings());
            settings.replaceAll((k, v) -> secret(k) && v != null && !v.isEmpty() ? MASK : v);
            return new ChannelConfig(c.type(), settings, c.minSeverity());
        }).toList());
    }

    /** Replaces masked values of {@code draft} with those of the stored channel at the same position and type. */
    public static AlertRule unmask(AlertRule draft, AlertRule stored) {
        List<ChannelConfig> channels = new ArrayList<>();
        for (int i = 0; i < draft.channels().size(); i++) {
            ChannelConfig c = draft.channels().get(i);
            ChannelConfig old = stored != null && i < stored.channels().size() ? stored.channels().get(i) : null;
            Map<String, String> settings = new HashMap<>(c.settings());
            settings.replaceAll((k, v) -> MASK.equals(v) && old != null && old.type() == c.type()
                    && old.settings().containsKey(k) ? old.settings().get(k) : v);
            channels.add(new ChannelConfig(c.type(), settings, c.minSeverity()));
        }
        return withChannels(draft, channels);
    }

    private static AlertRule withChannels(AlertRule r, List<ChannelConfig> channels) {
        return new AlertRule(r.id(), r.name(), r.description(), r.enabled(), r.kind(), r.severity(), r.query(),
                r.errorQuery(), r.groupBy(), r.window(), r.threshold(), r.schedule(), r.noise(), r.titleTemplate(),
                r.messageTemplate(), channels, r.owner(), r.scope(), r.createdAt(), r.updatedAt());
    }
}
