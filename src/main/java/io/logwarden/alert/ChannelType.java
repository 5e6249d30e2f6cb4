package io.logwarden.alert;

/** The kinds of notification channel Logwarden ships. */
public enum ChannelType {
    /** SMTP email, settings: {@code to} (comma-separated), optional {@code from}. */
    EMAIL,
    /** Generic JSON webhook, settings: {@code url}, optional {@code secret} (HMAC-SHA256 signature). */
    WEBHOOK,
    /** Slack incoming webhook ({@code {"text":...}}), settings: {@code url}. */
    SLACK,
    /** Microsoft Teams workflow / incoming webhook (adaptive card), settings: {@code url}. */
    TEAMS,
    /** Discord webhook ({@code {"content":...}}), settings: {@code url}. */
    DISCORD,
    /** Telegram bot API sendMessage, settings: {@code botToken}, {@code chatId}. */
    TELEGRAM,
    /**
     * Generic SMS / WhatsApp HTTP gateway (e.g. Twilio), settings: {@code url}, optional {@code method},
     * {@code contentType}, {@code bodyTemplate}, and headers as {@code header.<Name>}.
     */
    SMS_GATEWAY,
    /** In-app notification centre, settings: {@code users} (comma-separated usernames). */
    IN_APP
}
