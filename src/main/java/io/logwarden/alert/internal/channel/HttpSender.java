package io.logwarden.alert.internal.channel;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.DeliveryException;
import io.logwarden.alert.PermanentDeliveryException;
import io.logwarden.alert.TemporaryDeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Sends one HTTP request for a channel and classifies the answer: 2xx delivered; 408, 425, 429 and 5xx and
 * network errors temporary; any other status permanent (a 400 or 401 will not get better by itself).
 */
public final class HttpSender {

    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpSender(AlertProperties.Delivery delivery) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(delivery.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = delivery.requestTimeout();
    }

    public HttpResponse<String> send(HttpRequest.Builder request, String what) throws DeliveryException {
        HttpRequest built = request.timeout(requestTimeout).build();
        HttpResponse<String> response;
        try {
            response = client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TemporaryDeliveryException(what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemporaryDeliveryException(what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String message = what + ": HTTP " + status + snippet(response.body());
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw new TemporaryDeliveryException(message, retryAfter(response), null);
        }
        throw new PermanentDeliveryException(message);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return " " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
    }

    static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(HttpSender::parseRetryAfter).orElse(null);
    }

    static Duration parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** Adds an error to {@code errors} unless {@code url} is an absolute http(s) URL with a host. */
    public static void checkUrl(String label, String url, List<String> errors) {
        if (url == null || url.isBlank()) {
            errors.add(label + " is required");
            return;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                errors.add(label + " must be an http:// or https:// URL, got '" + url + "'");
            } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                errors.add(label + " has no host: '" + url + "'");
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(label + " is not a valid URL: " + e.getMessage());
        }
    }
}
