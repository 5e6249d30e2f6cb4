package io.logwarden.alert.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Span;
import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.InAppNotificationCreated;
import io.logwarden.alert.NotificationService;
import io.logwarden.alert.PersonalChannel;
import io.logwarden.alert.Severity;
import io.logwarden.alert.internal.AlertIndices;
import io.logwarden.alert.internal.NotificationCentre;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.test.context.support.WithMockUser;

/** The notification bell, browserless: unread count, live updates from this and other instances, mark read. */
@LogwardenIntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class NotificationBellIT extends SpringBrowserlessTest {

    @Autowired
    NotificationCentre centre;
    @Autowired
    NotificationService notifications;
    @Autowired
    NotificationBroadcaster broadcaster;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    VersionedDocumentStore store;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void allRead() {
        centre.markAllRead("admin");
    }

    private NotificationBell bell() {
        navigate(AlertsView.class);
        return find(NotificationBell.class).single();
    }

    private static InAppNotification notification(String id, Severity severity) {
        return new InAppNotification(id, "admin", "rule-x", "Rule X", "alert-x", severity.label(),
                severity.ordinal(), "firing", "Title " + id, "<img src=x onerror=alert(1)> message " + id,
                "search?q=x", Instant.now(), false);
    }

    /** Runs the UI updates queued by push listeners ({@code ui.access}), as the next server visit would. */
    private static void runQueuedUiUpdates() {
        com.vaadin.flow.server.VaadinSession session = com.vaadin.flow.server.VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }

    private static String count(NotificationBell bell) {
        return bell.getElement().getTextRecursively().trim();
    }

    /**
     * The bell of a fresh view. The browserless setup navigated once before this test's own setup ran, and the main
     * layout (with its bell) is kept across navigation, so the bell may have counted before; opening it re-reads the
     * true count, as it does for a user.
     */
    private NotificationBell openedBell() {
        NotificationBell bell = bell();
        test(find(Button.class, bell).first()).click();
        assertThat(bell.unread()).isEqualTo(notifications.unreadCount());
        return bell;
    }

    @Test
    void the_bell_shows_the_unread_count_and_updates_live_from_this_instance() {
        centre.accept(notification("a-" + tag, Severity.HIGH));
        NotificationBell bell = openedBell();
        long unread = bell.unread();
        assertThat(unread).isPositive();
        assertThat(count(bell)).startsWith(Long.toString(unread));

        centre.accept(notification("b-" + tag, Severity.CRITICAL)); // published as InAppNotificationCreated
        runQueuedUiUpdates();
        assertThat(bell.unread()).isEqualTo(unread + 1);
        assertThat(notifications.unreadCount()).isEqualTo(unread + 1);

        events.publishEvent(new InAppNotificationCreated(notification("b-" + tag, Severity.CRITICAL)));
        runQueuedUiUpdates();
        assertThat(bell.unread()).as("the same notification again is not counted twice").isEqualTo(unread + 1);
    }

    @Test
    void a_notification_stored_by_another_instance_reaches_the_open_bell() {
        NotificationBell bell = openedBell();
        long unread = bell.unread();
        // another instance stores it: no event on this one
        InAppNotification elsewhere = notification("c-" + tag, Severity.HIGH).deliveredAt(Instant.now());
        store.create(AlertIndices.NOTIFICATIONS, elsewhere.id(), elsewhere);

        assertThat(broadcaster.poll()).isGreaterThanOrEqualTo(1);
        runQueuedUiUpdates();
        assertThat(bell.unread()).isEqualTo(unread + 1);
    }

    @Test
    void opening_the_bell_lists_by_priority_as_text_and_mark_read_updates_the_count() {
        centre.accept(notification("low-" + tag, Severity.LOW));
        centre.accept(notification("crit-" + tag, Severity.CRITICAL));
        NotificationBell bell = openedBell();

        var titles = find(Span.class).withClassName("bell-item-title").all().stream().map(Span::getText).toList();
        assertThat(titles).containsSubsequence("Title crit-" + tag, "Title low-" + tag);
        assertThat(find(Span.class).withClassName("bell-item-message").withTextContaining("message crit-" + tag)
                .single().getText()).startsWith("<img src=x onerror=alert(1)>");

        long before = notifications.unreadCount();
        test(find(Button.class).withText("Mark read").first()).click();
        assertThat(notifications.unreadCount()).isEqualTo(before - 1);
        assertThat(bell.unread()).isEqualTo(before - 1);
        centre.accept(notification("crit-" + tag, Severity.CRITICAL)); // a repeated delivery
        assertThat(notifications.unreadCount()).as("read stays read").isEqualTo(before - 1);
    }

    @Test
    void preferences_are_edited_from_the_bell() {
        openedBell();
        test(find(Button.class).withText("Preferences").single()).click();
        PreferencesDialog dialog = find(PreferencesDialog.class).single();
        @SuppressWarnings("unchecked")
        CheckboxGroup<Severity> inApp = dialog.severities(PersonalChannel.Type.IN_APP);
        inApp.setValue(java.util.Set.of(Severity.HIGH, Severity.CRITICAL));
        try {
            test(find(Button.class, dialog).withText("Save").single()).click();

            assertThat(notifications.preferences().channels()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo(PersonalChannel.Type.IN_APP);
                assertThat(c.severities()).containsExactlyInAnyOrder(Severity.HIGH, Severity.CRITICAL);
            });
        } finally {
            store.delete(AlertIndices.PREFERENCES, "admin"); // back to the defaults for the other tests
        }
    }
}
