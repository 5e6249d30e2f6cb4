package io.logwarden.alert.internal.channel;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.Notification;
import io.logwarden.alert.NotificationChannel;
import io.logwarden.alert.internal.template.Escaper;
import io.logwarden.alert.internal.template.NotificationRenderer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Slack, Microsoft Teams and Discord incoming webhooks: the same transport, a different JSON payload each. */
public final class ChatWebhookChannelProvider implements ChannelProvider {

    private static final int DISCORD_MAX = 2000;

    private final ChannelType type;
    private final HttpSender http;

    public ChatWebhookChannelProvider(ChannelType type, HttpSender http) {
        if (type != ChannelType.SLACK && type != ChannelType.TEAMS && type != ChannelType.DISCORD) {
            throw new IllegalArgumentException("not a chat webhook type: " + type);
        }
        this.type = type;
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return type;
    }

    @Override
    public List<String> validate(ChannelConfig config) {
        List<String> errors = new ArrayList<>();
        HttpSender.checkUrl("url", config.setting("url"), errors);
        return errors;
    }

    @Override
    public NotificationChannel open(ChannelConfig config) {
        URI url = URI.create(config.setting("url"));
        return notification -> {
            String body = Json.write(payload(notification));
            http.send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
                    type.name().toLowerCase(java.util.Locale.ROOT) + " webhook " + url.getHost());
        };
    }

    ObjectNode payload(Notification n) {
        ObjectNode node = Json.object();
        switch (type) {
            case SLACK -> node.put("text", "*" + NotificationRenderer.title(n, Escaper.SLACK) + "*\n"
                    + NotificationRenderer.body(n, Escaper.SLACK));
            case DISCORD -> {
                String text = "**" + NotificationRenderer.title(n, Escaper.NONE) + "**\n"
                        + NotificationRenderer.body(n, Escaper.NONE);
                node.put("content", text.length() > DISCORD_MAX ? text.substring(0, DISCORD_MAX - 1) + "…" : text);
                // Log text must never ping @everyone or roles.
                node.putObject("allowed_mentions").putArray("parse");
            }
            case TEAMS -> {
                ArrayNode attachments = node.put("type", "message").putArray("attachments");
                ObjectNode card = attachments.addObject()
                        .put("contentType", "application/vnd.microsoft.card.adaptive")
                        .putObject("content");
                card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                        .put("type", "AdaptiveCard").put("version", "1.4");
                ArrayNode blocks = card.putArray("body");
                blocks.addObject().put("type", "TextBlock").put("weight", "Bolder").put("wrap", true)
                        .put("text", NotificationRenderer.title(n, Escaper.NONE));
                blocks.addObject().put("type", "TextBlock").put("wrap", true)
                        .put("text", NotificationRenderer.body(n, Escaper.NONE));
                if (n.link() != null && !n.link().isBlank()) {
                    card.putArray("actions").addObject().put("type", "Action.OpenUrl")
                            .put("title", "Open in Logwarden").put("url", n.link());
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
        return node;
    }
}
