package io.logwarden.export.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportService;
import io.logwarden.search.QuerySyntaxException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    final DateTimePicker from = new DateTimePicker("From (UTC)");
    final DateTimePicker to = new DateTimePicker("To (UTC)");
    final MultiSelectComboBox<String> fields = new MultiSelectComboBox<>("Fields");
    final Select<ExportFormat> format = new Select<>();
    final Checkbox gzip = new Checkbox("gzip");
    final Button start = new Button("Start export");

    SearchExportForm(ExportService exports, Consumer<ExportJob> started) {
        query.setPlaceholder("Lucene query, as in Search; empty for everything");
        query.setWidth("24em");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0);
        from.setValue(now.minusDays(1));
        to.setValue(now);
        fields.setItems(SUGGESTED_FIELDS);
        fields.setAllowCustomValue(true);
        fields.addCustomValueSetListener(e -> {
            var selected = new LinkedHashSet<>(fields.getValue());
            selected.add(e.getDetail().strip());
            fields.setValue(selected);
        });
        fields.setValue(Set.of("@timestamp", "service.name", "log.level", "message"));
        fields.setWidth("24em");
        format.setLabel("Format");
        format.setItems(ExportFormat.values());
        format.setValue(ExportFormat.CSV);
        format.addValueChangeListener(e -> gzip.setEnabled(e.getValue() != ExportFormat.XLSX));
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> {
            try {
                if (from.getValue() == null || to.getValue() == null) {
                    throw new IllegalArgumentException("Choose the time range");
                }
                started.accept(exports.submit(new ExportRequest(query.getValue(),
                        from.getValue().toInstant(ZoneOffset.UTC), to.getValue().toInstant(ZoneOffset.UTC),
                        orderedFields(), format.getValue(),
                        gzip.getValue() && format.getValue() != ExportFormat.XLSX)));
                Notification.show("Export started");
            } catch (IllegalArgumentException | QuerySyntaxException | AccessDeniedException ex) {
                Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        add(query, from, to, fields, format, gzip, start);
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
