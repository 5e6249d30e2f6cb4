package io.logwarden.alert.internal.channel;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.DeliveryException;
import io.logwarden.alert.NotificationChannel;
import io.logwarden.alert.TemporaryDeliveryException;
import io.logwarden.alert.internal.template.Escaper;
import io.logwarden.alert.internal.template.NotificationRenderer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram bot API {@code sendMessage} as plain text (no parse mode, so log text needs no escaping).
 * Telegram's 429 answer carries {@code parameters.retry_after}, honoured as the back-off.
 */
public final class TelegramChannelProvider implements ChannelProvider {

    private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]{20,}");
    private static final Pattern CHAT = Pattern.compile("-?\\d+|@[A-Za-z][A-Za-z0-9_]{4,}");
    private static final int MAX_TEXT = 4096;

    private final HttpSender http;
    private final String baseUrl;
    private final String defaultToken;

    /** @param defaultToken bot token used when a channel sets none (personal Telegram channels), may be null */
    public TelegramChannelProvider(HttpSender http, String baseUrl, String defaultToken) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.defaultToken = defaultToken == null || defaultToken.isBlank() ? null : defaultToken.trim();
    }

    public TelegramChannelProvider(HttpSender http, String baseUrl) {
        this(http, baseUrl, null);
    }

    /** Whether channels may leave out {@code botToken} (personal Telegram channels need this). */
    public boolean hasDefaultToken() {
        return defaultToken != null;
    }

    private String token(ChannelConfig config) {
        return config.setting("botToken") == null ? defaultToken : config.setting("botToken");
    }

    @Override
    public ChannelType type() {
        return ChannelType.TELEGRAM;
    }

    @Override
    public List<String> validate(ChannelConfig config) {
        List<String> errors = new ArrayList<>();
        String token = token(config);
        if (token == null) {
            errors.add("botToken is required (or set logwarden.alert.telegram.bot-token)");
        } else if (!TOKEN.matcher(token).matches()) {
            errors.add("botToken does not look like a Telegram bot token (<digits>:<secret>)");
        }
        String chat = config.setting("chatId");
        if (chat == null) {
            errors.add("chatId is required");
        } else if (!CHAT.matcher(chat).matches()) {
            errors.add("chatId must be a numeric chat id or an @channelname, got '" + chat + "'");
        }
        return errors;
    }

    @Override
    public NotificationChannel open(ChannelConfig config) {
        URI url = URI.create(baseUrl + "/bot" + token(config) + "/sendMessage");
        String chatId = config.setting("chatId");
        return notification -> {
            String text = NotificationRenderer.title(notification, Escaper.NONE) + "\n"
                    + NotificationRenderer.body(notification, Escaper.NONE);
            ObjectNode body = Json.object()
                    .put("chat_id", chatId)
                    .put("text", text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text)
                    .put("disable_web_page_preview", true);
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
            try {
                http.send(request, "telegram chat " + chatId);
            } catch (TemporaryDeliveryException e) {
                throw withTelegramRetryAfter(e);
            }
        };
    }

    private static DeliveryException withTelegramRetryAfter(TemporaryDeliveryException e) {
        if (e.retryAfter().isPresent()) {
            return e;
        }
        String message = e.getMessage();
        int brace = message == null ? -1 : message.indexOf('{');
        if (brace < 0) {
            return e;
        }
        try {
            JsonNode answer = Json.MAPPER.readTree(message.substring(brace));
            JsonNode retry = answer.path("parameters").path("retry_after");
            if (retry.isNumber()) {
                return new TemporaryDeliveryException(message, Duration.ofSeconds(retry.asLong()), e);
            }
        } catch (RuntimeException notJson) {
            // the snippet may be cut; keep the plain back-off
        }
        return e;
    }
}
