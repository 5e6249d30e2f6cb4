package io.logwarden.alert.internal.channel;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NotificationChannel;
import java.util.List;

/** Validates and opens channels of one {@link ChannelType}. */
public interface ChannelProvider {

    ChannelType type();

    /** Every problem with the configuration, as sentences a user can act on; empty when valid. */
    List<String> validate(ChannelConfig config);

    /** A channel for a configuration that {@link #validate} accepted. */
    NotificationChannel open(ChannelConfig config);
}
