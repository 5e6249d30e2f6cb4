package io.logwarden.alert;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One of a user's own destinations and the alert severities that reach it.
 *
 * @param type       in-app notification centre, an email address, a Telegram chat, or a phone number (SMS/WhatsApp
 *                   through the configured gateway)
 * @param address    email address, Telegram chat id or phone number; empty for IN_APP
 * @param severities the severities sent there; empty: none
 */
public record PersonalChannel(Type type, String address, Set<Severity> severities) {

    public enum Type { IN_APP, EMAIL, TELEGRAM, SMS }

    public PersonalChannel {
        Objects.requireNonNull(type, "type");
        address = address == null ? "" : address.trim();
        severities = severities == null || severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
    }

    public boolean accepts(Severity severity) {
        return severities.contains(severity);
    }
}
