package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.internal.channel.SecretReferences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Channel settings that are credentials (webhook secrets, bot tokens, auth headers, passwords, and the URLs of
 * Slack, Teams and Discord webhooks, which carry their token) are never sent back to clients: reads show
 * {@link #MASK}, and an update that sends the mask back keeps the stored value. A value that is only a reference
 * ({@code ${env:NAME}}, {@code ${file:/path}}) holds no secret and is shown as it is.
 */
public final class SecretSettings {

    public static final String MASK = "******";
    private static final Set<ChannelType> URL_IS_SECRET = Set.of(ChannelType.SLACK, ChannelType.TEAMS,
            ChannelType.DISCORD);

    private SecretSettings() {
    }

    static boolean secret(ChannelType type, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("token") || k.contains("password")
                || k.equals("header.authorization") || k.contains("apikey") || k.contains("api-key")
                || (URL_IS_SECRET.contains(type) && k.equals("url"));
    }

    public static AlertRule mask(AlertRule rule) {
        return rule.withChannels(rule.channels().stream().map(c -> {
            Map<String, String> settings = new HashMap<>(c.settings());
            settings.replaceAll((k, v) -> secret(c.type(), k) && v != null && !v.isEmpty()
                    && !SecretReferences.containsReference(v) ? MASK : v);
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
        return draft.withChannels(channels);
    }
}
