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
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic JSON webhook. With a {@code secret}, the request carries
 * {@code X-Logwarden-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} and {@code X-Logwarden-Timestamp}
 * (epoch seconds), so a receiver can check origin and reject replays. {@code X-Logwarden-Delivery} is the
 * notification id, stable across retries, for de-duplication on the receiving side.
 */
public final class WebhookChannelProvider implements ChannelProvider {

    public static final String SIGNATURE_HEADER = "X-Logwarden-Signature";
    public static final String TIMESTAMP_HEADER = "X-Logwarden-Timestamp";
    public static final String DELIVERY_HEADER = "X-Logwarden-Delivery";

    private final HttpSender http;
    private final Clock clock;

    public WebhookChannelProvider(HttpSender http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public List<String> validate(ChannelConfig config) {
        List<String> errors = new ArrayList<>();
        HttpSender.checkUrl("url", config.setting("url"), errors);
        String secret = config.settings().get("secret");
        if (secret != null && !secret.isEmpty() && secret.length() < 16) {
            errors.add("secret must be at least 16 characters long");
        }
        return errors;
    }

    @Override
    public NotificationChannel open(ChannelConfig config) {
        URI url = URI.create(config.setting("url"));
        String secret = config.setting("secret");
        return notification -> {
            String body = Json.write(payload(notification));
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .header(DELIVERY_HEADER, notification.id())
                    .header(TIMESTAMP_HEADER, timestamp)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (secret != null) {
                request.header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp + "." + body));
            }
            http.send(request, "webhook " + url.getHost());
        };
    }

    static ObjectNode payload(Notification n) {
        ObjectNode node = Json.object();
        node.put("id", n.id());
        node.put("ruleId", n.ruleId());
        node.put("ruleName", n.ruleName());
        node.put("severity", n.severity().label());
        node.put("status", n.status().name().toLowerCase(java.util.Locale.ROOT));
        node.put("group", n.groupKey());
        node.put("title", NotificationRenderer.title(n, Escaper.NONE));
        node.put("message", NotificationRenderer.body(n, Escaper.NONE));
        node.put("link", n.link());
        node.put("timestamp", n.timestamp().toString());
        node.put("test", n.test());
        ObjectNode fields = node.putObject("fields");
        for (Map.Entry<String, String> e : n.fields().entrySet()) {
            fields.put(e.getKey(), e.getValue());
        }
        return node;
    }

    /** Hex HMAC-SHA256 of {@code data} with {@code secret}, as receivers should compute it. */
    public static String sign(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
