package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.Notification;
import io.logwarden.alert.PersonalChannel;
import io.logwarden.alert.internal.delivery.DeliveryTarget;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.ScopeFilter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a rule's notification goes. Each channel is one target, except IN_APP: each named user gets it on their own
 * channels per their preferences (in-app, email, Telegram, SMS, for the severities they chose), only if the user
 * exists, is enabled and may see all of the rule's data (their scope covers the owner's), and with personal data
 * masked unless the user has PII access.
 */
public class RecipientRouter {

    private final Function<String, Optional<CurrentUser>> users;
    private final PreferenceStore preferences;

    public RecipientRouter(Function<String, Optional<CurrentUser>> users, PreferenceStore preferences) {
        this.users = users;
        this.preferences = preferences;
    }

    /** The targets of {@code n} for a rule evaluated within {@code ruleScope}. */
    public List<DeliveryTarget> targets(AlertRule rule, ScopeFilter ruleScope, Notification n) {
        List<DeliveryTarget> targets = new ArrayList<>();
        for (ChannelConfig channel : rule.channels()) {
            if (channel.type() != ChannelType.IN_APP) {
                targets.add(DeliveryTarget.send(label(channel), channel, n));
                continue;
            }
            for (String user : usernames(channel.setting("users"))) {
                targets.addAll(personal(user, channel, ruleScope, n));
            }
        }
        return targets;
    }

    /** Why {@code user} may not receive notifications of a rule evaluated within {@code ruleScope}, if so. */
    public Optional<String> refusal(String user, ScopeFilter ruleScope) {
        Optional<CurrentUser> recipient = users.apply(user);
        if (recipient.isEmpty()) {
            return Optional.of("user " + user + " does not exist or is disabled");
        }
        if (!Scopes.covers(recipient.get().scope().toFilter(), ruleScope)) {
            return Optional.of("user " + user + " may not see all of the rule's data (their scope is narrower than"
                    + " the rule owner's)");
        }
        return Optional.empty();
    }

    private List<DeliveryTarget> personal(String user, ChannelConfig channel, ScopeFilter ruleScope, Notification n) {
        Optional<String> refused = refusal(user, ruleScope);
        if (refused.isPresent()) {
            return List.of(DeliveryTarget.skip("IN_APP for " + user, channel, n, refused.get()));
        }
        CurrentUser recipient = users.apply(user).orElseThrow();
        Notification view = recipient.piiVisible() ? n : n.redacted();
        List<DeliveryTarget> targets = new ArrayList<>();
        for (PersonalChannel mine : preferences.of(user).channels()) {
            if (!mine.accepts(n.severity())) {
                continue;
            }
            ChannelConfig config = switch (mine.type()) {
                case IN_APP -> new ChannelConfig(ChannelType.IN_APP, Map.of("users", user), channel.minSeverity());
                case EMAIL -> new ChannelConfig(ChannelType.EMAIL, Map.of("to", mine.address()),
                        channel.minSeverity());
                case TELEGRAM -> new ChannelConfig(ChannelType.TELEGRAM, Map.of("chatId", mine.address()),
                        channel.minSeverity());
                case SMS -> new ChannelConfig(ChannelType.SMS_GATEWAY, Map.of("to", mine.address()),
                        channel.minSeverity());
            };
            targets.add(DeliveryTarget.send(mine.type() + " for " + user, config, view));
        }
        return targets;
    }

    static List<String> usernames(String users) {
        return users == null ? List.of() : Arrays.stream(users.split(",")).map(String::trim)
                .filter(u -> !u.isEmpty()).distinct().toList();
    }

    private static String label(ChannelConfig channel) {
        String url = channel.setting("url");
        if (url == null || url.contains("${")) {
            return channel.type().name();
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? channel.type().name() : channel.type() + " " + host;
        } catch (IllegalArgumentException e) {
            return channel.type().name();
        }
    }
}
