package io.logwarden.alert.internal.channel;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NotificationChannel;
import java.util.List;
import java.util.Optional;

/** Validates and opens channels of one {@link ChannelType}. */
public interface ChannelProvider {

    ChannelType type();

    /**
     * Every problem with the configuration (references already resolved), as sentences a user can act on; empty
     * when valid.
     */
    List<String> validate(ChannelConfig config);

    /** A channel for a configuration that {@link #validate} accepted (references already resolved). */
    NotificationChannel open(ChannelConfig config);

    /**
     * Why channels of this type cannot send on this instance at all (e.g. no SMTP server configured), empty when
     * they can. Checked only for enabled rules, so a rule can always be disabled or edited.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }
}
