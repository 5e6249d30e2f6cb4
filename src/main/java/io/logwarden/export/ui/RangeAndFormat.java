package io.logwarden.export.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.select.Select;
import io.logwarden.export.ExportFormat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The time range (UTC, the last day to the minute by default) and the output format (CSV by default; gzip only where
 * the format allows it) that both export forms ask for. The forms lay the fields out themselves.
 */
final class RangeAndFormat {

    final DateTimePicker from = new DateTimePicker("From (UTC)");
    final DateTimePicker to = new DateTimePicker("To (UTC)");
    final Select<ExportFormat> format = new Select<>();
    final Checkbox gzip = new Checkbox("gzip");

    RangeAndFormat() {
        LocalDateTime minute = LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0);
        from.setValue(minute.minusDays(1));
        // the pickers hold whole minutes: ending at the next one keeps the events of the current minute in
        to.setValue(minute.plusMinutes(1));
        format.setLabel("Format");
        format.setItems(ExportFormat.values());
        format.setValue(ExportFormat.CSV);
        format.addValueChangeListener(e -> gzip.setEnabled(e.getValue() != ExportFormat.XLSX));
    }

    /** Throws {@link IllegalArgumentException} when either end of the range is empty. */
    void requireRange() {
        if (from.getValue() == null || to.getValue() == null) {
            throw new IllegalArgumentException("Choose the time range");
        }
    }

    Instant fromInstant() {
        return from.getValue().toInstant(ZoneOffset.UTC);
    }

    Instant toInstant() {
        return to.getValue().toInstant(ZoneOffset.UTC);
    }

    void setRange(Instant rangeFrom, Instant rangeTo) {
        from.setValue(LocalDateTime.ofInstant(rangeFrom, ZoneOffset.UTC));
        to.setValue(LocalDateTime.ofInstant(rangeTo, ZoneOffset.UTC));
    }

    /** Whether to compress: asked for and possible (XLSX is a zip already). */
    boolean gzipped() {
        return gzip.getValue() && format.getValue() != ExportFormat.XLSX;
    }
}
