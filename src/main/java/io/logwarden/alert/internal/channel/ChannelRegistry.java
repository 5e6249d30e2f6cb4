package io.logwarden.alert.internal.channel;

import io.logwarden.alert.AlertValidationException;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NotificationChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * All channel providers by type; the single place that validates and opens channel configurations, resolving
 * secret references ({@link SecretReferences}) first.
 */
public final class ChannelRegistry {

    private final Map<ChannelType, ChannelProvider> providers = new EnumMap<>(ChannelType.class);
    private final SecretReferences references;

    public ChannelRegistry(List<ChannelProvider> providers, SecretReferences references) {
        for (ChannelProvider provider : providers) {
            this.providers.put(provider.type(), provider);
        }
        this.references = references;
    }

    public ChannelRegistry(List<ChannelProvider> providers) {
        this(providers, SecretReferences.system());
    }

    /**
     * Errors of one configuration, prefixed with {@code label} (e.g. "channel 2 (SLACK)"). Whether the channel can
     * send here (SMTP configured, referenced secrets present) is checked only when {@code forEnabledRule}.
     */
    public List<String> validate(String label, ChannelConfig config, boolean forEnabledRule) {
        ChannelProvider provider = providers.get(config.type());
        if (provider == null) {
            return List.of(label + ": channel type " + config.type() + " is not available on this instance");
        }
        List<String> errors = new ArrayList<>();
        SecretReferences.syntaxErrors(config).forEach(e -> errors.add(label + ": " + e));
        if (!errors.isEmpty()) {
            return errors;
        }
        if (forEnabledRule) {
            provider.unavailable().ifPresent(e -> errors.add(label + ": " + e));
        }
        ChannelConfig resolved;
        try {
            resolved = references.resolve(config);
        } catch (SecretReferences.UnresolvedReferenceException e) {
            if (forEnabledRule) {
                errors.add(label + ": " + e.getMessage());
            }
            return errors;
        }
        provider.validate(resolved).forEach(e -> errors.add(label + ": " + e));
        return errors;
    }

    /** A channel to send over now; references are resolved at this moment. */
    public NotificationChannel open(ChannelConfig config) {
        ChannelProvider provider = providers.get(config.type());
        if (provider == null) {
            throw new AlertValidationException(List.of("channel type " + config.type() + " is not available"));
        }
        return provider.open(references.resolve(config));
    }
}
