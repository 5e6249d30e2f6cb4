package io.logwarden.analytics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.analytics.CustomDashboardService;
import io.logwarden.analytics.DashboardDefinition;
import io.logwarden.analytics.Widget;
import io.logwarden.security.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Dialog to create or change a custom dashboard: title, roles it is shared with, and its widgets. */
final class DashboardEditor extends Dialog {

    private final TextField title = new TextField("Title");
    private final MultiSelectComboBox<String> sharedWith = new MultiSelectComboBox<>("Shared with roles");
    private final Div rows = new Div();
    private final List<WidgetRow> widgetRows = new ArrayList<>();

    DashboardEditor(DashboardDefinition existing, Predicate<DashboardDefinition> onSave) {
        setId("dashboard-editor");
        setHeaderTitle(existing == null ? "New dashboard" : "Edit " + existing.title());
        setWidth("min(64rem, 95vw)");
        title.setRequired(true);
        title.setWidthFull();
        sharedWith.setItems(Roles.ALL);
        sharedWith.setWidthFull();
        if (existing != null) {
            title.setValue(existing.title());
            sharedWith.setValue(existing.sharedWith());
            existing.widgets().forEach(this::addRow);
        } else {
            addRow(new Widget("Events", Widget.Type.TIME_SERIES, "", "log.level"));
        }
        Button add = new Button("Add widget", VaadinIcon.PLUS.create(),
                e -> addRow(new Widget("", Widget.Type.SINGLE_NUMBER, "", null)));
        add.setId("dashboard-editor-add-widget");
        title.setId("dashboard-editor-title");
        add(title, sharedWith, rows, add);
        Button save = new Button("Save", e -> {
            List<Widget> widgets = widgetRows.stream().map(WidgetRow::widget).toList();
            // stays open when the save is refused (bad query, missing field), so nothing typed is lost
            if (onSave.test(new DashboardDefinition(existing == null ? null : existing.id(), title.getValue(),
                    existing == null ? null : existing.owner(), Set.copyOf(sharedWith.getValue()), widgets, null))) {
                close();
            }
        });
        save.setId("dashboard-editor-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void addRow(Widget widget) {
        WidgetRow row = new WidgetRow(widget);
        widgetRows.add(row);
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
            widgetRows.remove(row);
            rows.remove(row.layout);
        });
        remove.setAriaLabel("Remove widget");
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        row.layout.add(remove);
        rows.add(row.layout);
    }

    private static final class WidgetRow {
        final TextField title = new TextField("Widget title");
        final Select<Widget.Type> type = new Select<>();
        final TextField query = new TextField("Query");
        final Select<String> field = new Select<>();
        final HorizontalLayout layout;

        WidgetRow(Widget widget) {
            type.setLabel("Type");
            type.setItems(Widget.Type.values());
            type.setItemLabelGenerator(Widget.Type::label);
            type.setValue(widget.type());
            field.setLabel("Field");
            List<String> fields = new ArrayList<>();
            fields.add("");
            fields.addAll(CustomDashboardService.FIELDS);
            field.setItems(fields);
            field.setItemLabelGenerator(f -> f.isEmpty() ? "(none)" : f);
            field.setValue(widget.field() == null ? "" : widget.field());
            title.setValue(widget.title());
            query.setValue(widget.query());
            query.setPlaceholder("e.g. service.name:shop");
            layout = new HorizontalLayout(title, type, query, field);
            layout.setAlignItems(FlexComponent.Alignment.BASELINE);
            layout.setWrap(true);
        }

        Widget widget() {
            return new Widget(title.getValue(), type.getValue(), query.getValue(), field.getValue());
        }
    }
}
