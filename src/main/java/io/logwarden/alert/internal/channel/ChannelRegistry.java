package io.logwarden.alert.internal.channel;

import io.logwarden.alert.AlertValidationException;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NotificationChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** All channel providers by type; the single place that validates and opens channel configurations. */
public final class ChannelRegistry {

    private final Map<ChannelType, ChannelProvider> providers = new EnumMap<>(ChannelType.class);

    public ChannelRegistry(List<ChannelProvider> providers) {
        for (ChannelProvider provider : providers) {
            this.providers.put(provider.type(), provider);
        }
    }

    /** Errors of one configuration, prefixed with {@code label} (e.g. "channel 2 (SLACK)"). */
    public List<String> validate(String label, ChannelConfig config) {
        ChannelProvider provider = providers.get(config.type());
        if (provider == null) {
            return List.of(label + ": channel type " + config.type() + " is not available on this instance");
        }
        List<String> errors = new ArrayList<>();
        for (String error : provider.validate(config)) {
            errors.add(label + ": " + error);
        }
        return errors;
    }

    public void validateOrThrow(ChannelConfig config) {
        List<String> errors = validate(config.type().name(), config);
        if (!errors.isEmpty()) {
            throw new AlertValidationException(errors);
        }
    }

    public NotificationChannel open(ChannelConfig config) {
        ChannelProvider provider = providers.get(config.type());
        if (provider == null) {
            throw new AlertValidationException(List.of("channel type " + config.type() + " is not available"));
        }
        return provider.open(config);
    }
}
