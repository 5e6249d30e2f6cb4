package io.logwarden.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.security.ApiKey;
import io.logwarden.security.ApiKeyService;
import io.logwarden.security.CreatedApiKey;
import java.util.function.Supplier;

/**
 * Ingest API keys: list, create (the full key is shown once, in a dialog) and revoke, all through
 * {@link ApiKeyService}, which checks ADMIN again.
 */
class ApiKeysPanel extends VerticalLayout {

    private final ApiKeyService apiKeys;
    private final Supplier<String> currentAdmin;
    final Grid<ApiKey> grid = new Grid<>(ApiKey.class, false);
    final TextField name = new TextField("Name of the new key");
    final Button create = new Button("Create API key", e -> create());

    ApiKeysPanel(ApiKeyService apiKeys, Supplier<String> currentAdmin) {
        this.apiKeys = apiKeys;
        this.currentAdmin = currentAdmin;
        setPadding(false);
        setSizeFull();
        name.setPlaceholder("e.g. checkout-service");
        name.setMaxLength(200);
        create.addThemeVariants(ButtonVariant.PRIMARY);
        grid.addColumn(ApiKey::name).setHeader("Name").setSortable(true).setFlexGrow(2);
        grid.addColumn(ApiKey::id).setHeader("Id");
        grid.addColumn(k -> k.created() == null ? "" : k.created().toString()).setHeader("Created");
        grid.addColumn(ApiKey::createdBy).setHeader("By");
        grid.addColumn(k -> k.isActive() ? "active" : "revoked " + k.revoked()).setHeader("State");
        grid.addComponentColumn(this::revokeButton).setHeader("");
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setAlignItems(Alignment.BASELINE);
        add(form, grid);
        refresh();
    }

    private Button revokeButton(ApiKey key) {
        Button revoke = new Button("Revoke", e -> new ConfirmDialog("Revoke " + key.name() + "?",
                "Senders using this key are refused from now on. This cannot be undone.", "Revoke",
                confirmed -> run(() -> apiKeys.revoke(key.id()), "Revoked " + key.name())).open());
        revoke.addThemeVariants(ButtonVariant.ERROR);
        revoke.setEnabled(key.isActive());
        return revoke;
    }

    private void create() {
        try {
            CreatedApiKey created = apiKeys.create(name.getValue(), currentAdmin.get());
            name.clear();
            refresh();
            showOnce(created);
        } catch (IllegalArgumentException | IllegalStateException e) {
            Notification.show(String.valueOf(e.getMessage()), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.ERROR);
        }
    }

    /** The only time the secret is visible: it is stored as a hash. */
    private void showOnce(CreatedApiKey created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("API key " + created.key().name());
        TextField value = new TextField("Key");
        value.setValue(created.value());
        value.setReadOnly(true);
        value.setWidthFull();
        value.addClassName("created-api-key");
        dialog.add(new Paragraph("Copy the key now: it is shown only once. Senders use the header "
                + "'Authorization: ApiKey <key>'."), value);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.setWidth("40em");
        dialog.open();
    }

    private void run(Runnable action, String success) {
        try {
            action.run();
            Notification.show(success).addThemeVariants(NotificationVariant.SUCCESS);
        } catch (RuntimeException e) {
            Notification.show(String.valueOf(e.getMessage()), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.ERROR);
        }
        refresh();
    }

    void refresh() {
        grid.setItems(apiKeys.list());
    }
}
