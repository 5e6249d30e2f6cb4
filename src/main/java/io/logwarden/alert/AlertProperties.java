package io.logwarden.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the alert feature, {@code logwarden.alert.*}.
 *
 * @param enabled            run the rule scheduler on this instance (default true)
 * @param evaluationInterval how often the scheduler looks for rules that are due (default 15s)
 * @param leaseDuration      how long one instance owns a rule's evaluation before another may take over (default 2m)
 * @param publicBaseUrl      base URL of the UI, used for links in notifications (default http://localhost:8080)
 * @param installDefaultRules create the shipped default rules (disabled) on first start (default true)
 * @param delivery           retry and HTTP settings of the notification channels
 * @param email              email channel settings (the SMTP server itself is {@code spring.mail.*})
 * @param telegram           Telegram channel settings
 */
@Validated
@ConfigurationProperties("logwarden.alert")
public record AlertProperties(
        Boolean enabled,
        @NotNull Duration evaluationInterval,
        @NotNull Duration leaseDuration,
        @NotBlank String publicBaseUrl,
        Boolean installDefaultRules,
        @Valid @NotNull Delivery delivery,
        @Valid @NotNull Email email,
        @Valid @NotNull Telegram telegram) {

    public AlertProperties {
        enabled = enabled == null || enabled;
        evaluationInterval = evaluationInterval == null ? Duration.ofSeconds(15) : evaluationInterval;
        leaseDuration = leaseDuration == null ? Duration.ofMinutes(2) : leaseDuration;
        publicBaseUrl = publicBaseUrl == null ? "http://localhost:8080" : publicBaseUrl;
        installDefaultRules = installDefaultRules == null || installDefaultRules;
        delivery = delivery == null ? new Delivery(null, null, null, null, null, null) : delivery;
        email = email == null ? new Email(null) : email;
        telegram = telegram == null ? new Telegram(null) : telegram;
    }

    public static AlertProperties defaults() {
        return new AlertProperties(null, null, null, null, null, null, null, null);
    }

    /**
     * @param maxAttempts    sends per notification and channel, first included (default 5)
     * @param initialBackoff wait after the first temporary failure (default 1s)
     * @param multiplier     back-off growth factor (default 2)
     * @param maxBackoff     upper bound of one wait, also caps a receiver's Retry-After (default 5m)
     * @param connectTimeout HTTP connect timeout (default 5s)
     * @param requestTimeout HTTP request timeout (default 15s)
     */
    public record Delivery(@Min(1) @Max(20) Integer maxAttempts, Duration initialBackoff,
                           @DecimalMin("1.0") Double multiplier, Duration maxBackoff,
                           Duration connectTimeout, Duration requestTimeout) {
        public Delivery {
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
            multiplier = multiplier == null ? 2.0 : multiplier;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
        }
    }

    /** @param from sender address when a channel sets none (default logwarden@localhost) */
    public record Email(String from) {
        public Email {
            from = from == null ? "logwarden@localhost" : from;
        }
    }

    /** @param baseUrl Telegram bot API base URL (default https://api.telegram.org; tests point it at a local server) */
    public record Telegram(String baseUrl) {
        public Telegram {
            baseUrl = baseUrl == null ? "https://api.telegram.org" : baseUrl;
        }
    }
}
