package io.logwarden.alert.internal;

import io.logwarden.alert.NotificationPreferences;
import io.logwarden.alert.PersonalChannel;
import io.logwarden.storage.VersionedDocumentStore;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** Per-user notification preferences in {@code .logwarden-alert-preferences}, and their validation. */
public class PreferenceStore {

    private static final Pattern CHAT = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,24}");

    private final VersionedDocumentStore store;
    private final BooleanSupplier emailAvailable;
    private final BooleanSupplier telegramAvailable;
    private final BooleanSupplier smsAvailable;

    public PreferenceStore(VersionedDocumentStore store, BooleanSupplier emailAvailable,
                           BooleanSupplier telegramAvailable, BooleanSupplier smsAvailable) {
        this.store = store;
        this.emailAvailable = emailAvailable;
        this.telegramAvailable = telegramAvailable;
        this.smsAvailable = smsAvailable;
    }

    /** The user's stored preferences, or the defaults (in-app, every severity). */
    public NotificationPreferences of(String user) {
        return store.get(AlertIndices.PREFERENCES, user, NotificationPreferences.class).map(Versioned::document)
                .orElseGet(() -> NotificationPreferences.defaults(user));
    }

    public void save(NotificationPreferences preferences) {
        store.put(AlertIndices.PREFERENCES, preferences.user(), preferences);
    }

    /** Every problem, as sentences; empty when the preferences can be saved. */
    public List<String> validate(NotificationPreferences preferences) {
        List<String> errors = new ArrayList<>();
        Set<PersonalChannel.Type> seen = EnumSet.noneOf(PersonalChannel.Type.class);
        for (PersonalChannel channel : preferences.channels()) {
            if (channel == null || channel.type() == null) {
                errors.add("a channel needs a type (IN_APP, EMAIL, TELEGRAM, SMS)");
                continue;
            }
            if (!seen.add(channel.type())) {
                errors.add(channel.type() + " is listed twice");
            }
            String address = channel.address();
            switch (channel.type()) {
                case IN_APP -> { }
                case EMAIL -> {
                    try {
                        new InternetAddress(address, true).validate();
                    } catch (AddressException e) {
                        errors.add("EMAIL: '" + address + "' is not an email address");
                    }
                    if (!emailAvailable.getAsBoolean()) {
                        errors.add("EMAIL: no SMTP server is configured on this Logwarden (spring.mail.host)");
                    }
                }
                case TELEGRAM -> {
                    if (!CHAT.matcher(address).matches()) {
                        errors.add("TELEGRAM: '" + address + "' is not a numeric chat id or an @channelname");
                    }
                    if (!telegramAvailable.getAsBoolean()) {
                        errors.add("TELEGRAM: no bot is configured on this Logwarden"
                                + " (logwarden.alert.telegram.bot-token)");
                    }
                }
                case SMS -> {
                    if (!PHONE.matcher(address).matches()) {
                        errors.add("SMS: '" + address + "' is not a phone number (digits, optional leading +)");
                    }
                    if (!smsAvailable.getAsBoolean()) {
                        errors.add("SMS: no SMS gateway is configured on this Logwarden (logwarden.alert.sms.url)");
                    }
                }
            }
        }
        return errors;
    }
}
