package io.logwarden.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the alert feature, {@code logwarden.alert.*}.
 *
 * @param enabled               run the rule scheduler, delivery retries and notification pruning on this instance
 *                              (default true)
 * @param evaluationInterval    how often the scheduler looks for rules that are due (default 15s)
 * @param leaseDuration         how long one instance owns a rule's evaluation before another may take over (2m)
 * @param publicBaseUrl         base URL of the UI, used for links in notifications (default http://localhost:8080)
 * @param installDefaultRules   create the shipped default rules (disabled) on first start (default true)
 * @param healthPollInterval    how often component health and search latency are sampled for HEALTH rules (60s);
 *                              every instance samples, also with {@code enabled=false}
 * @param notificationRetention in-app notifications older than this are deleted (default 30d)
 * @param bellRefreshInterval   how often open notification bells look for notifications stored by other instances
 *                              (default 15s)
 * @param delivery              retry and HTTP settings of the notification channels
 * @param email                 email channel settings (the SMTP server itself is {@code spring.mail.*})
 * @param telegram              Telegram channel settings
 * @param sms                   default SMS/WhatsApp gateway, used by the users' personal SMS channels and by SMS
 *                              channels that leave settings out
 */
@Validated
@ConfigurationProperties("logwarden.alert")
public record AlertProperties(
        Boolean enabled,
        @NotNull Duration evaluationInterval,
        @NotNull Duration leaseDuration,
        @NotBlank String publicBaseUrl,
        Boolean installDefaultRules,
        @NotNull Duration healthPollInterval,
        @NotNull Duration notificationRetention,
        @NotNull Duration bellRefreshInterval,
        @Valid @NotNull Delivery delivery,
        @Valid @NotNull Email email,
        @Valid @NotNull Telegram telegram,
        @Valid @NotNull Sms sms) {

    public AlertProperties {
        enabled = enabled == null || enabled;
        evaluationInterval = evaluationInterval == null ? Duration.ofSeconds(15) : evaluationInterval;
        leaseDuration = leaseDuration == null ? Duration.ofMinutes(2) : leaseDuration;
        publicBaseUrl = publicBaseUrl == null ? "http://localhost:8080" : publicBaseUrl;
        installDefaultRules = installDefaultRules == null || installDefaultRules;
        healthPollInterval = healthPollInterval == null ? Duration.ofSeconds(60) : healthPollInterval;
        notificationRetention = notificationRetention == null ? Duration.ofDays(30) : notificationRetention;
        bellRefreshInterval = bellRefreshInterval == null ? Duration.ofSeconds(15) : bellRefreshInterval;
        delivery = delivery == null ? new Delivery(null, null, null, null, null, null, null, null) : delivery;
        email = email == null ? new Email(null) : email;
        telegram = telegram == null ? new Telegram(null, null) : telegram;
        sms = sms == null ? new Sms(null, null, null, null, null) : sms;
    }

    public static AlertProperties defaults() {
        return new AlertProperties(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @AssertTrue(message = "logwarden.alert intervals must be positive: evaluation-interval, lease-duration, "
            + "health-poll-interval, notification-retention, bell-refresh-interval")
    public boolean isPositive() {
        return positive(evaluationInterval) && positive(leaseDuration) && positive(healthPollInterval)
                && positive(notificationRetention) && positive(bellRefreshInterval);
    }

    static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /**
     * Delivery of notifications. Every delivery is kept in Elasticsearch until it is delivered, fails permanently or
     * expires, and retried with back-off by any instance, also after a restart.
     *
     * @param maxAttempts    after this many failed attempts the alert's history gets a {@code delivery_failed} entry
     *                       (retries go on until {@code expireAfter}) (default 5)
     * @param initialBackoff wait after the first temporary failure (default 1s)
     * @param multiplier     back-off growth factor (default 2)
     * @param maxBackoff     upper bound of one wait, also caps a receiver's Retry-After (default 5m)
     * @param connectTimeout HTTP connect timeout (default 5s)
     * @param requestTimeout HTTP request timeout (default 15s)
     * @param pollInterval   how often each instance looks for deliveries due for a retry (default 5s)
     * @param expireAfter    a delivery still failing this long after the notification is given up (default 3d)
     */
    public record Delivery(@Min(1) @Max(100) Integer maxAttempts, Duration initialBackoff,
                           @DecimalMin("1.0") Double multiplier, Duration maxBackoff,
                           Duration connectTimeout, Duration requestTimeout, Duration pollInterval,
                           Duration expireAfter) {
        public Delivery {
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
            multiplier = multiplier == null ? 2.0 : multiplier;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
            pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
            expireAfter = expireAfter == null ? Duration.ofDays(3) : expireAfter;
        }

        @AssertTrue(message = "logwarden.alert.delivery durations must be positive")
        public boolean isPositive() {
            return positive(initialBackoff) && positive(maxBackoff) && positive(connectTimeout)
                    && positive(requestTimeout) && positive(pollInterval) && positive(expireAfter);
        }

        /** How long one instance may hold a delivery it is sending before another may take it over. */
        public Duration claimTimeout() {
            return connectTimeout.plus(requestTimeout).multipliedBy(2);
        }
    }

    /** @param from sender address when a channel sets none (default logwarden@localhost) */
    public record Email(String from) {
        public Email {
            from = from == null ? "logwarden@localhost" : from;
        }
    }

    /**
     * @param baseUrl  Telegram bot API base URL (default https://api.telegram.org; tests point it at a local server)
     * @param botToken bot token for the users' personal Telegram channels and for Telegram channels that set none;
     *                 give it through the environment ({@code LOGWARDEN_ALERT_TELEGRAM_BOT_TOKEN}) or a secret file
     */
    public record Telegram(String baseUrl, String botToken) {
        public Telegram {
            baseUrl = baseUrl == null ? "https://api.telegram.org" : baseUrl;
        }
    }

    /**
     * The default SMS/WhatsApp HTTP gateway, same meaning as the SMS channel's settings.
     *
     * @param url          gateway URL (may hold placeholders such as {@code {{to}}}); empty: no default gateway
     * @param method       GET, POST or PUT (default POST)
     * @param contentType  request body type (default application/x-www-form-urlencoded)
     * @param bodyTemplate request body with placeholders ({@code {{to}}}, {@code {{message}}}, ...)
     * @param headers      request headers, e.g. {@code headers[Authorization]=Basic ...}
     */
    public record Sms(String url, String method, String contentType, String bodyTemplate,
                      Map<String, String> headers) {
        public Sms {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        /** As channel settings ({@code url}, {@code method}, ..., {@code header.<Name>}); empty when unset. */
        public Map<String, String> asSettings() {
            Map<String, String> settings = new LinkedHashMap<>();
            if (url == null || url.isBlank()) {
                return settings;
            }
            settings.put("url", url);
            if (method != null && !method.isBlank()) {
                settings.put("method", method);
            }
            if (contentType != null && !contentType.isBlank()) {
                settings.put("contentType", contentType);
            }
            if (bodyTemplate != null && !bodyTemplate.isBlank()) {
                settings.put("bodyTemplate", bodyTemplate);
            }
            headers.forEach((name, value) -> settings.put("header." + name, value));
            return settings;
        }
    }
}
