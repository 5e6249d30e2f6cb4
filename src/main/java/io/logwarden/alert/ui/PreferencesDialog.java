package io.logwarden.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.alert.AlertValidationException;
import io.logwarden.alert.NotificationPreferences;
import io.logwarden.alert.NotificationService;
import io.logwarden.alert.PersonalChannel;
import io.logwarden.alert.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The current user's notification preferences: for the in-app centre, an email address, a Telegram chat and a phone
 * number (SMS/WhatsApp), which severities go there. They apply to rules that name the user as IN_APP recipient.
 */
class PreferencesDialog extends Dialog {

    private final NotificationService notifications;
    private final Map<PersonalChannel.Type, TextField> addresses = new EnumMap<>(PersonalChannel.Type.class);
    private final Map<PersonalChannel.Type, CheckboxGroup<Severity>> severities =
            new EnumMap<>(PersonalChannel.Type.class);
    private final Div errors = new Div();

    PreferencesDialog(NotificationService notifications) {
        this.notifications = notifications;
        setHeaderTitle("Notification preferences");
        setWidth("min(48rem, 95vw)");
        errors.addClassName("rule-errors");
        add(new Paragraph("Where alerts that name you as recipient reach you, per severity."), errors);
        NotificationPreferences current = notifications.preferences();
        for (PersonalChannel.Type type : PersonalChannel.Type.values()) {
            PersonalChannel existing = current.channels().stream().filter(c -> c.type() == type).findFirst()
                    .orElse(null);
            add(row(type, existing));
        }
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private HorizontalLayout row(PersonalChannel.Type type, PersonalChannel existing) {
        Span label = new Span(switch (type) {
            case IN_APP -> "In-app (the bell)";
            case EMAIL -> "Email";
            case TELEGRAM -> "Telegram";
            case SMS -> "SMS / WhatsApp";
        });
        label.setWidth("10rem");
        HorizontalLayout row = new HorizontalLayout(label);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (type != PersonalChannel.Type.IN_APP) {
            TextField address = new TextField();
            address.setPlaceholder(switch (type) {
                case EMAIL -> "me@example.org";
                case TELEGRAM -> "chat id, e.g. 123456789";
                default -> "+15550001234";
            });
            address.setAriaLabel(label.getText() + " address");
            address.setValue(existing == null ? "" : existing.address());
            addresses.put(type, address);
            row.add(address);
        }
        CheckboxGroup<Severity> chosen = new CheckboxGroup<>();
        chosen.setItems(Severity.values());
        chosen.setItemLabelGenerator(Severity::label);
        chosen.setAriaLabel(label.getText() + " severities");
        chosen.setValue(existing == null ? EnumSet.noneOf(Severity.class) : existing.severities());
        severities.put(type, chosen);
        row.add(chosen);
        return row;
    }

    /** The channels as filled in: a channel with no severity, or without an address, is left out. */
    List<PersonalChannel> channels() {
        List<PersonalChannel> channels = new ArrayList<>();
        for (PersonalChannel.Type type : PersonalChannel.Type.values()) {
            String address = addresses.containsKey(type) ? addresses.get(type).getValue().trim() : "";
            var chosen = severities.get(type).getValue();
            if (!chosen.isEmpty() && (type == PersonalChannel.Type.IN_APP || !address.isEmpty())) {
                channels.add(new PersonalChannel(type, address, chosen));
            }
        }
        return channels;
    }

    TextField address(PersonalChannel.Type type) {
        return addresses.get(type);
    }

    CheckboxGroup<Severity> severities(PersonalChannel.Type type) {
        return severities.get(type);
    }

    private void save() {
        errors.removeAll();
        try {
            notifications.savePreferences(channels());
            Actions.run(() -> { }, "Preferences saved");
            close();
        } catch (AlertValidationException e) {
            e.errors().forEach(problem -> errors.add(new Div(new Span(problem))));
        } catch (RuntimeException e) {
            errors.add(new Div(new Span(String.valueOf(e.getMessage()))));
        }
    }
}
