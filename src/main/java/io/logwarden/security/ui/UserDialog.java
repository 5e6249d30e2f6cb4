package io.logwarden.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.security.UserRequest;
import io.logwarden.security.UserService;
import io.logwarden.security.UserSummary;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Create or edit one user: roles, scope (comma-separated values), enabled, optional new password. */
class UserDialog extends Dialog {

    record Result(boolean existing, UserRequest request) {
    }

    private final TextField username = new TextField("Username");
    private final PasswordField password = new PasswordField("Password");
    private final MultiSelectComboBox<String> roles = new MultiSelectComboBox<>("Roles", Roles.ACCOUNT_ROLES);
    private final TextField organizations = new TextField("Tenants (organization.id)");
    private final TextField services = new TextField("Services (service.name)");
    private final TextField categories = new TextField("Event categories");
    private final Checkbox enabled = new Checkbox("Enabled", true);
    private final TextField email = new TextField("Email (for OIDC login by verified email)");
    private final TextField oidcIssuer = new TextField("OIDC issuer");
    private final TextField oidcSubject = new TextField("OIDC subject (sub)");

    UserDialog(UserSummary user, Predicate<Result> save) {
        setHeaderTitle(user == null ? "New user" : "Edit " + user.username());
        password.setHelperText(user == null ? "At least " + UserService.MIN_PASSWORD_LENGTH + " characters"
                : "Leave empty to keep the password");
        if (user != null) {
            username.setValue(user.username());
            username.setReadOnly(true);
            roles.setValue(user.roles());
            organizations.setValue(String.join(", ", user.scope().organizations()));
            services.setValue(String.join(", ", user.scope().services()));
            categories.setValue(String.join(", ", user.scope().categories()));
            enabled.setValue(user.enabled());
            email.setValue(user.email() == null ? "" : user.email());
            if (user.oidc() != null) {
                oidcIssuer.setValue(user.oidc().issuer());
                oidcSubject.setValue(user.oidc().subject());
            }
        }
        oidcSubject.setHelperText("Links the account to that identity; empty removes the link");
        for (TextField field : new TextField[]{organizations, services, categories}) {
            field.setHelperText("Comma-separated; empty means all (OPERATIONS and VIEWER need at least one)");
        }
        add(new FormLayout(username, password, roles, enabled, organizations, services, categories, email,
                oidcIssuer, oidcSubject));
        Button ok = new Button("Save", e -> {
            UserRequest request = new UserRequest(username.getValue().trim(),
                    password.getValue().isEmpty() ? null : password.getValue(), roles.getValue(),
                    new AccessScope(values(organizations), values(services), values(categories)), enabled.getValue(),
                    email.getValue().trim(), new UserAccount.OidcLink(oidcIssuer.getValue().trim(),
                    oidcSubject.getValue().trim()));
            if (save.test(new Result(user != null, request))) {
                close();
            }
        });
        ok.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }

    private static Set<String> values(TextField field) {
        return Arrays.stream(field.getValue().split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
