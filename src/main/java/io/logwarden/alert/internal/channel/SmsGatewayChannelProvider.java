package io.logwarden.alert.internal.channel;

import io.logwarden.alert.AlertValidationException;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NotificationChannel;
import io.logwarden.alert.TemplateFields;
import io.logwarden.alert.internal.template.Escaper;
import io.logwarden.alert.internal.template.MessageTemplate;
import io.logwarden.alert.internal.template.NotificationRenderer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generic SMS / WhatsApp HTTP gateway. Settings: {@code url} (may hold placeholders), {@code method} (GET, POST,
 * PUT; default POST), {@code contentType} (default {@code application/x-www-form-urlencoded}),
 * {@code bodyTemplate}, {@code to}, and request headers as {@code header.<Name>}. Placeholder values are
 * escaped for the content type: URL-encoded for forms and URLs, JSON-string-escaped for JSON. Besides the
 * notification fields, templates may use {@code {{title}}}, {@code {{message}}} and {@code {{to}}}.
 * Twilio example: url {@code https://api.twilio.com/2010-04-01/Accounts/AC.../Messages.json},
 * {@code header.Authorization=Basic ...}, bodyTemplate {@code To={{to}}&From=%2B15550001&Body={{message}}}.
 */
public final class SmsGatewayChannelProvider implements ChannelProvider {

    static final String HEADER_PREFIX = "header.";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "upgrade");
    private static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(TemplateFields.ALL);
        fields.addAll(Set.of("title", "message", "to"));
        FIELDS = Set.copyOf(fields);
    }

    private final HttpSender http;
    private final Map<String, String> defaults;

    /**
     * @param defaults gateway settings used where a channel sets none ({@code logwarden.alert.sms.*}); personal SMS
     *                 channels of the users' preferences only set {@code to}
     */
    public SmsGatewayChannelProvider(HttpSender http, Map<String, String> defaults) {
        this.http = http;
        this.defaults = Map.copyOf(defaults);
    }

    public SmsGatewayChannelProvider(HttpSender http) {
        this(http, Map.of());
    }

    /** Whether a channel may set only {@code to} (personal SMS channels need this). */
    public boolean hasDefaultGateway() {
        return defaults.containsKey("url");
    }

    private ChannelConfig merged(ChannelConfig config) {
        if (defaults.isEmpty()) {
            return config;
        }
        Map<String, String> settings = new HashMap<>(defaults);
        config.settings().forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                settings.put(k, v);
            }
        });
        return new ChannelConfig(config.type(), settings, config.minSeverity());
    }

    @Override
    public ChannelType type() {
        return ChannelType.SMS_GATEWAY;
    }

    @Override
    public List<String> validate(ChannelConfig channel) {
        ChannelConfig config = merged(channel);
        List<String> errors = new ArrayList<>();
        String method = method(config);
        if (!METHODS.contains(method)) {
            errors.add("method must be one of GET, POST, PUT, got '" + method + "'");
        }
        String url = config.setting("url");
        if (url == null) {
            errors.add("url is required");
        } else {
            try {
                MessageTemplate urlTemplate = MessageTemplate.parse("url", url, FIELDS);
                Map<String, String> sample = new HashMap<>();
                urlTemplate.fields().forEach(f -> sample.put(f, "x"));
                HttpSender.checkUrl("url", urlTemplate.render(sample, Escaper.NONE), errors);
            } catch (AlertValidationException e) {
                errors.addAll(e.errors());
            }
        }
        String body = config.setting("bodyTemplate");
        if (body == null && !"GET".equals(method)) {
            errors.add("bodyTemplate is required for method " + method);
        } else if (body != null) {
            try {
                MessageTemplate.parse("bodyTemplate", body, FIELDS);
            } catch (AlertValidationException e) {
                errors.addAll(e.errors());
            }
        }
        for (String key : config.settings().keySet()) {
            if (key.startsWith(HEADER_PREFIX)) {
                String name = key.substring(HEADER_PREFIX.length());
                if (name.isBlank() || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                    errors.add("'" + key + "' is not a valid header name");
                } else if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    errors.add("header " + name + " is set by the HTTP client and cannot be configured");
                }
            } else if (!Set.of("url", "method", "contentType", "bodyTemplate", "to").contains(key)) {
                errors.add("unknown setting '" + key + "' (headers go in 'header.<Name>')");
            }
        }
        return errors;
    }

    @Override
    public NotificationChannel open(ChannelConfig channel) {
        ChannelConfig config = merged(channel);
        String method = method(config);
        String contentType = config.setting("contentType") == null
                ? "application/x-www-form-urlencoded" : config.setting("contentType");
        MessageTemplate url = MessageTemplate.parse("url", config.setting("url"), FIELDS);
        MessageTemplate body = config.setting("bodyTemplate") == null ? null
                : MessageTemplate.parse("bodyTemplate", config.setting("bodyTemplate"), FIELDS);
        Escaper bodyEscaper = escaperFor(contentType);
        return notification -> {
            Map<String, String> values = new HashMap<>(NotificationRenderer.values(notification));
            values.put("title", NotificationRenderer.title(notification, Escaper.NONE));
            values.put("message", NotificationRenderer.body(notification, Escaper.NONE));
            values.put("to", config.setting("to") == null ? "" : config.setting("to"));
            URI uri = URI.create(url.render(values, Escaper.URL_FORM));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            config.settings().forEach((key, value) -> {
                if (key.startsWith(HEADER_PREFIX)) {
                    request.header(key.substring(HEADER_PREFIX.length()), value);
                }
            });
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType);
                request.method(method, HttpRequest.BodyPublishers.ofString(body.render(values, bodyEscaper),
                        StandardCharsets.UTF_8));
            }
            http.send(request, "sms gateway " + uri.getHost());
        };
    }

    private static String method(ChannelConfig config) {
        String method = config.setting("method");
        return method == null ? "POST" : method.toUpperCase(Locale.ROOT);
    }

    static Escaper escaperFor(String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("json")) {
            return Escaper.JSON_STRING;
        }
        if (ct.contains("x-www-form-urlencoded")) {
            return Escaper.URL_FORM;
        }
        return Escaper.NONE;
    }
}
