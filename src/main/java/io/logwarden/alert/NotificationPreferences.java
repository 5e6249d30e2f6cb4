package io.logwarden.alert;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * Where a user wants alert notifications that name them as recipient (an IN_APP channel's {@code users}), per
 * severity; stored per user in {@code .logwarden-alert-preferences}.
 *
 * @param user      the user
 * @param channels  the user's destinations; a user without stored preferences gets {@link #defaults}
 * @param updatedAt last change, null for the defaults
 */
public record NotificationPreferences(String user, List<PersonalChannel> channels, Instant updatedAt) {

    public NotificationPreferences {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** In-app notifications of every severity, nothing else. */
    public static NotificationPreferences defaults(String user) {
        return new NotificationPreferences(user, List.of(new PersonalChannel(PersonalChannel.Type.IN_APP, "",
                EnumSet.allOf(Severity.class))), null);
    }
}
