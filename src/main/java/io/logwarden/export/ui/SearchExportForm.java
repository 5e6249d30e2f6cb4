package io.logwarden.export.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportService;
import io.logwarden.search.QuerySyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.access.AccessDeniedException;

/** Starts an export of a search: query (as in Search), range, fields, format. */
class SearchExportForm extends HorizontalLayout {

    static final List<String> SUGGESTED_FIELDS = List.of("@timestamp", "log.level", "service.name", "host.name",
            "message", "event.action", "event.category", "event.outcome", "organization.id", "user.id", "user.name",
            "user.email", "source.ip", "trace.id", "error.type", "error.message", "_index", "_id");

    final TextField query = new TextField("Query");
    final MultiSelectComboBox<String> fields = new MultiSelectComboBox<>("Fields");
    final RangeAndFormat output = new RangeAndFormat();
    final Button start = new Button("Start export");

    SearchExportForm(ExportService exports, Consumer<ExportJob> started) {
        query.setPlaceholder("Lucene query, as in Search; empty for everything");
        query.setWidth("24em");
        fields.setItems(SUGGESTED_FIELDS);
        fields.setAllowCustomValue(true);
        fields.addCustomValueSetListener(e -> {
            var selected = new LinkedHashSet<>(fields.getValue());
            selected.add(e.getDetail().strip());
            fields.setValue(selected);
        });
        fields.setValue(Set.of("@timestamp", "service.name", "log.level", "message"));
        fields.setWidth("24em");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> {
            try {
                output.requireRange();
                started.accept(exports.submit(new ExportRequest(query.getValue(), output.fromInstant(),
                        output.toInstant(), orderedFields(), output.format.getValue(), output.gzipped())));
                Notification.show("Export started");
            } catch (IllegalArgumentException | QuerySyntaxException | AccessDeniedException ex) {
                Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        add(query, output.from, output.to, fields, output.format, output.gzip, start);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        setWrap(true);
    }

    /** Suggested fields in their natural order, then custom ones. */
    private List<String> orderedFields() {
        List<String> ordered = new ArrayList<>(SUGGESTED_FIELDS.stream()
                .filter(fields.getValue()::contains).toList());
        fields.getValue().stream().filter(f -> !SUGGESTED_FIELDS.contains(f)).sorted().forEach(ordered::add);
        return ordered;
    }
}
