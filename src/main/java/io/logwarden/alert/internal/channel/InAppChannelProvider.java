package io.logwarden.alert.internal.channel;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.NotificationChannel;
import io.logwarden.alert.TemporaryDeliveryException;
import io.logwarden.alert.internal.template.Escaper;
import io.logwarden.alert.internal.template.NotificationRenderer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The in-app notification centre as a channel: one entry per user in {@code users}. */
public final class InAppChannelProvider implements ChannelProvider {

    private final Consumer<InAppNotification> sink;

    public InAppChannelProvider(Consumer<InAppNotification> sink) {
        this.sink = sink;
    }

    @Override
    public ChannelType type() {
        return ChannelType.IN_APP;
    }

    @Override
    public List<String> validate(ChannelConfig config) {
        List<String> errors = new ArrayList<>();
        String users = config.setting("users");
        if (users == null) {
            errors.add("users is required (comma-separated usernames)");
        } else if (users(users).isEmpty()) {
            errors.add("users has no username");
        }
        return errors;
    }

    static List<String> users(String users) {
        return Arrays.stream(users.split(",")).map(String::trim).filter(u -> !u.isEmpty()).distinct().toList();
    }

    @Override
    public NotificationChannel open(ChannelConfig config) {
        List<String> users = users(config.setting("users"));
        return n -> {
            for (String user : users) {
                try {
                    sink.accept(new InAppNotification(java.util.UUID.nameUUIDFromBytes((n.id() + "|" + user)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(), user, n.ruleId(), n.ruleName(),
                            n.fields().get("alert.id"), n.severity().label(), n.severity().ordinal(),
                            n.status().name().toLowerCase(Locale.ROOT), NotificationRenderer.title(n, Escaper.NONE),
                            NotificationRenderer.body(n, Escaper.NONE), n.link(), n.timestamp(), false));
                } catch (RuntimeException e) {
                    throw new TemporaryDeliveryException("in-app: storing the notification failed: " + e.getMessage(), e);
                }
            }
        };
    }
}
