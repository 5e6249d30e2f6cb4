package io.logwarden.alert;

import io.logwarden.alert.internal.NotificationCentre;
import io.logwarden.alert.internal.PreferenceStore;
import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.AccessService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The current user's notification centre (the bell) and notification preferences: which severities reach which of
 * the user's channels when a rule names them as recipient.
 */
public class NotificationService {

    private final NotificationCentre centre;
    private final PreferenceStore preferences;
    private final AccessService access;
    private final AuditService audit;
    private final Clock clock;

    public NotificationService(NotificationCentre centre, PreferenceStore preferences, AccessService access,
                               AuditService audit, Clock clock) {
        this.centre = centre;
        this.preferences = preferences;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Unread first, then higher severity, then newest. */
    @PreAuthorize("isAuthenticated()")
    public List<InAppNotification> notifications(int max) {
        return centre.list(access.current().username(), Math.min(Math.max(max, 1), 500));
    }

    @PreAuthorize("isAuthenticated()")
    public long unreadCount() {
        return centre.unread(access.current().username());
    }

    @PreAuthorize("isAuthenticated()")
    public void markRead(String notificationId) {
        if (!centre.markRead(access.current().username(), notificationId)) {
            throw new NoSuchElementException("No notification " + notificationId);
        }
    }

    @PreAuthorize("isAuthenticated()")
    public int markAllRead() {
        return centre.markAllRead(access.current().username());
    }

    /** The current user's preferences (the defaults when never saved). */
    @PreAuthorize("isAuthenticated()")
    public NotificationPreferences preferences() {
        return preferences.of(access.current().username());
    }

    /** Saves the current user's preferences; {@link AlertValidationException} lists every problem. */
    @PreAuthorize("isAuthenticated()")
    public NotificationPreferences savePreferences(List<PersonalChannel> channels) {
        String user = access.current().username();
        NotificationPreferences saved = new NotificationPreferences(user, channels, clock.instant());
        List<String> errors = preferences.validate(saved);
        if (!errors.isEmpty()) {
            throw new AlertValidationException(errors);
        }
        preferences.save(saved);
        audit.record(new AuditEntry("alert.preferences.update", "configuration", AuditEntry.SUCCESS, null, null,
                "user", user, Map.of("channels", saved.channels().stream()
                        .map(c -> c.type() + ":" + c.severities()).toList())));
        return saved;
    }
}
