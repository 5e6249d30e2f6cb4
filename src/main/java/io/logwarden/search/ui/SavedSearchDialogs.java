package io.logwarden.search.ui;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.search.SavedSearch;
import io.logwarden.search.SavedSearchService;
import io.logwarden.security.Roles;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Saving a search, and the list of saved searches with open, rename/share and delete. */
final class SavedSearchDialogs {

    private SavedSearchDialogs() {
    }

    static SearchState state(SavedSearch search) {
        return new SearchState(search.query(), search.from(), search.to(), search.columns());
    }

    /** Asks for a name and whom to share with, then saves the current search. */
    static void save(SavedSearchService saved, String query, String from, String to, List<String> columns) {
        form("Save search", "", Set.of(), false, (name, roles, everyone) -> {
            saved.save(name, query, from, to, columns, roles, everyone);
            Notification.show("Saved \"" + name + "\"");
        });
    }

    /** The saved searches the user sees: open any; rename, share or delete their own (admins: any). */
    static void manage(SavedSearchService saved, Consumer<SearchState> onOpen) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Saved searches");
        dialog.setWidth("900px");
        Grid<SavedSearch> grid = new Grid<>();
        grid.setId("saved-searches");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(SavedSearch::name).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(s -> s.query().isBlank() ? "(everything)" : s.query()).setHeader("Query").setFlexGrow(1);
        grid.addColumn(s -> s.from() + (s.to() == null || s.to().isBlank() ? "" : " → " + s.to()))
                .setHeader("Range").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(SavedSearch::owner).setHeader("Owner").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(SavedSearchDialogs::sharing).setHeader("Shared with").setAutoWidth(true).setFlexGrow(0);
        Runnable reload = () -> grid.setItems(saved.list());
        grid.addComponentColumn(search -> {
            Button open = button(VaadinIcon.SEARCH, "Open", "saved-open", e -> {
                dialog.close();
                onOpen.accept(state(search));
            });
            HorizontalLayout actions = new HorizontalLayout(open);
            if (saved.mayEdit(search)) {
                actions.add(button(VaadinIcon.EDIT, "Rename or share", "saved-edit", e -> form("Edit saved search",
                        search.name(), search.roles(), search.everyone(), (name, roles, everyone) -> {
                            saved.update(search.id(), name, roles, everyone);
                            reload.run();
                        })));
                actions.add(button(VaadinIcon.TRASH, "Delete", "saved-delete", e -> confirmDelete(search, () -> {
                    saved.delete(search.id());
                    reload.run();
                    Notification.show("Deleted \"" + search.name() + "\"");
                })));
            }
            actions.getElement().setAttribute("data-saved", search.name());
            return actions;
        }).setAutoWidth(true).setFlexGrow(0);
        reload.run();
        dialog.add(grid);
        Button close = new Button("Close", e -> dialog.close());
        close.setId("saved-searches-close");
        dialog.getFooter().add(close);
        dialog.open();
    }

    private static String sharing(SavedSearch search) {
        if (search.everyone()) {
            return "everyone";
        }
        return search.roles().isEmpty() ? "only the owner" : String.join(", ", new TreeSet<>(search.roles()));
    }

    /** What the save and edit forms ask: a name and whom to share with. */
    private interface FormAction {
        void apply(String name, Set<String> roles, boolean everyone);
    }

    private static void form(String title, String name, Set<String> roles, boolean everyone, FormAction action) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        TextField nameField = new TextField("Name");
        nameField.setId("saved-name");
        nameField.setWidthFull();
        nameField.setValue(name);
        MultiSelectComboBox<String> roleField = new MultiSelectComboBox<>("Share with roles");
        roleField.setId("saved-roles");
        roleField.setItems(Roles.ALL);
        roleField.setValue(roles);
        roleField.setWidthFull();
        Checkbox everyoneField = new Checkbox("Share with everyone", everyone);
        everyoneField.setId("saved-everyone");
        Button save = new Button("Save", e -> {
            try {
                action.apply(nameField.getValue(), roleField.getValue(), everyoneField.getValue());
                dialog.close();
            } catch (RuntimeException ex) {
                Notification.show(ex.getMessage(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        save.setId("saved-submit");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(nameField, roleField, everyoneField);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        nameField.focus();
    }

    private static void confirmDelete(SavedSearch search, Runnable delete) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete \"" + search.name() + "\"?");
        dialog.add(new Paragraph(search.shared() ? "It is shared; others will no longer see it either."
                : "This cannot be undone."));
        Button confirm = new Button("Delete", e -> {
            delete.run();
            dialog.close();
        });
        confirm.setId("saved-delete-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private static Button button(VaadinIcon icon, String tooltip, String className,
                                 ComponentEventListener<ClickEvent<Button>> click) {
        Button button = new Button(icon.create(), click);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        button.setTooltipText(tooltip);
        button.addClassName(className);
        button.setAriaLabel(tooltip);
        return button;
    }
}
