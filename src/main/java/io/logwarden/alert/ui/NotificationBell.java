package io.logwarden.alert.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.logwarden.alert.NotificationService;
import io.logwarden.alert.InAppNotification;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bell in the navbar: unread count pushed live (from this instance at once, from other instances within
 * {@code logwarden.alert.bell-refresh-interval}), a dialog with the user's notifications in priority order (unread
 * first, then severity, then newest, as {@link NotificationService#notifications(int)} returns them), and the user's
 * notification preferences. All notification text is rendered as text, never as HTML.
 */
class NotificationBell extends Div {

    static final int MAX_LISTED = 50;

    private final NotificationService alerts;
    private final NotificationBroadcaster broadcaster;
    private final String username;
    private final Button button = new Button(VaadinIcon.BELL.create());
    private final Span count = new Span();
    private final Dialog dialog = new Dialog();
    private final Div list = new Div();
    /** Ids already counted: delivery retries store (and announce) the same notification again. */
    private final Set<String> counted = new HashSet<>();
    /** Held strongly here; the broadcaster holds it weakly. */
    private NotificationBroadcaster.Listener listener;
    private Runnable registration;
    private long unread;

    NotificationBell(NotificationService alerts, NotificationBroadcaster broadcaster, String username) {
        this.alerts = alerts;
        this.broadcaster = broadcaster;
        this.username = username;
        addClassName("notification-bell");
        button.addThemeVariants(ButtonVariant.TERTIARY);
        button.setAriaLabel("Notifications");
        button.setTooltipText("Notifications");
        count.addClassName("bell-count");
        button.getElement().appendChild(count.getElement());
        add(button);
        list.addClassName("bell-list");
        dialog.setHeaderTitle("Notifications");
        dialog.add(list);
        Button preferences = new Button("Preferences", e -> new PreferencesDialog(alerts).open());
        preferences.addThemeVariants(ButtonVariant.TERTIARY);
        dialog.getFooter().add(preferences, new Button("Close", e -> dialog.close()));
        button.addClickListener(e -> {
            refresh();
            dialog.open();
        });
        refreshCount();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        listener = NotificationBroadcaster.listener(username, n -> ui.access(() -> onCreated(n)));
        registration = broadcaster.register(listener);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (registration != null) {
            registration.run();
        }
        registration = null;
        listener = null;
    }

    /** The unread count shown. */
    long unread() {
        return unread;
    }

    /** Runs under the UI lock, without the user's request: counts locally instead of asking the service. */
    private void onCreated(InAppNotification notification) {
        if (!notification.read() && counted.add(notification.id())) {
            setUnread(unread + 1);
        }
        if (dialog.isOpened()) {
            list.addComponentAsFirst(item(notification));
        }
    }

    private void refreshCount() {
        try {
            setUnread(alerts.unreadCount());
        } catch (RuntimeException e) {
            setUnread(0);
        }
    }

    private void setUnread(long value) {
        unread = value;
        count.setText(value == 0 ? "" : value > 99 ? "99+" : Long.toString(value));
        count.setVisible(value > 0);
        button.setAriaLabel(value == 0 ? "Notifications" : "Notifications, " + value + " unread");
    }

    private void refresh() {
        list.removeAll();
        counted.clear();
        refreshCount();
        Button markAll = new Button("Mark all read", e -> {
            alerts.markAllRead();
            refresh();
        });
        markAll.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        markAll.setEnabled(unread > 0);
        Span header = new Span(unread + " unread");
        header.addClassName("bell-item-meta");
        HorizontalLayout top = new HorizontalLayout(header, markAll);
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        top.expand(header);
        list.add(top);
        List<InAppNotification> items;
        try {
            items = alerts.notifications(MAX_LISTED);
        } catch (RuntimeException e) {
            list.add(new Span("Notifications are unavailable: " + e.getMessage()));
            return;
        }
        if (items.isEmpty()) {
            list.add(new Span("No notifications."));
        }
        items.forEach(n -> list.add(item(n)));
    }

    private Div item(InAppNotification n) {
        Div item = new Div();
        item.addClassNames("bell-item", n.read() ? "read" : "unread");
        Span title = new Span(n.title() == null ? n.ruleName() : n.title());
        title.addClassName("bell-item-title");
        HorizontalLayout head = new HorizontalLayout(Severities.badge(n.severity()), title);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        head.setSpacing(true);
        Span message = new Span(n.message() == null ? "" : n.message());
        message.addClassName("bell-item-message");
        Span meta = new Span(Times.format(n.createdAt()) + " · "
                + (n.status() == null ? "" : n.status()) + (n.read() ? " · read" : " · unread"));
        meta.addClassName("bell-item-meta");
        HorizontalLayout actions = new HorizontalLayout(Links.anchor(n.link(), "Open"));
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (!n.read()) {
            Button read = new Button("Mark read", e -> {
                try {
                    alerts.markRead(n.id());
                } catch (RuntimeException ex) {
                    Notification.show(String.valueOf(ex.getMessage()));
                }
                refresh();
            });
            read.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            actions.add(read);
        }
        item.add(head, new Div(message), meta, actions);
        return item;
    }
}
