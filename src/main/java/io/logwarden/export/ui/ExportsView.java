package io.logwarden.export.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.logwarden.export.ExportFile;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportService;
import io.logwarden.export.ExportState;
import io.logwarden.export.ManifestVerification;
import io.logwarden.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports: start an export from a query, range, fields and format; follow every job with a progress bar pushed from
 * the background runner; cancel, download and verify.
 */
@Route("exports")
@PageTitle("Exports · Logwarden")
@Menu(order = 5, icon = "vaadin:download", title = "Exports")
@RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
class ExportsView extends Main {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    static final List<String> SUGGESTED_FIELDS = List.of("@timestamp", "log.level", "service.name", "host.name",
            "message", "event.action", "event.category", "event.outcome", "organization.id", "user.id", "user.name",
            "user.email", "source.ip", "trace.id", "error.type", "error.message", "_index", "_id");

    private final ExportService exports;
    private final Grid<ExportJob> grid = new Grid<>();
    private final Map<String, ExportJob> jobs = new LinkedHashMap<>();
    private Runnable unsubscribe;

    final TextField query = new TextField("Query");
    final DateTimePicker from = new DateTimePicker("From (UTC)");
    final DateTimePicker to = new DateTimePicker("To (UTC)");
    final MultiSelectComboBox<String> fields = new MultiSelectComboBox<>("Fields");
    final Select<ExportFormat> format = new Select<>();
    final Checkbox gzip = new Checkbox("gzip");
    final Button start = new Button("Start export");

    ExportsView(ExportService exports) {
        this.exports = exports;
        addClassName("exports-view");
        VerticalLayout layout = new VerticalLayout(new H2("Exports"), form(), grid());
        layout.setSizeFull();
        add(layout);
        setSizeFull();
    }

    private Component form() {
        query.setPlaceholder("Lucene query, empty for everything");
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
        start.addClickListener(e -> submit());
        HorizontalLayout form = new HorizontalLayout(query, from, to, fields, format, gzip, start);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        return form;
    }

    private Component grid() {
        grid.addColumn(job -> TIME.format(job.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
        grid.addColumn(job -> job.submittedBy().username()).setHeader("By").setAutoWidth(true);
        grid.addColumn(job -> job.request().format() + (job.request().gzip() ? ".gz" : "")).setHeader("Format")
                .setAutoWidth(true);
        grid.addColumn(job -> job.request().query().isEmpty() ? "*" : job.request().query()).setHeader("Query");
        grid.addColumn(job -> job.state().name()).setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(this::progress).setHeader("Progress").setWidth("14em").setFlexGrow(0);
        grid.addColumn(this::rows).setHeader("Rows").setAutoWidth(true);
        grid.addColumn(job -> eta(job.eta(Instant.now()))).setHeader("ETA").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.setSizeFull();
        return grid;
    }

    private Component progress(ExportJob job) {
        ProgressBar bar = new ProgressBar(0, 100);
        bar.addClassName("export-progress");
        bar.getElement().setAttribute("data-export-id", job.id());
        if (job.state() == ExportState.RUNNING && job.percent() < 0) {
            bar.setIndeterminate(true);
        } else {
            bar.setValue(Math.max(0, job.percent()));
        }
        return bar;
    }

    private String rows(ExportJob job) {
        return job.totalRows() >= 0 ? String.format("%,d / %,d", job.rows(), job.totalRows())
                : String.format("%,d", job.rows());
    }

    private static String eta(Duration eta) {
        if (eta == null) {
            return "";
        }
        long s = eta.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60)
                + " min";
    }

    private Component actions(ExportJob job) {
        HorizontalLayout actions = new HorizontalLayout();
        if (!job.state().finished()) {
            Button cancel = new Button("Cancel", e -> {
                update(exports.cancel(job.id()));
                Notification.show("Cancelling export " + job.id());
            });
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(cancel);
        }
        if (job.state() == ExportState.COMPLETED) {
            Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
                ExportFile file = exports.file(job.id());
                try {
                    return new DownloadResponse(Files.newInputStream(file.path()), file.fileName(),
                            file.contentType(), file.size());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }), "Download");
            download.getElement().setAttribute("download", true);
            Button verify = new Button("Verify", e -> showVerification(exports.verify(job.id())));
            verify.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(download, verify);
        }
        if (job.error() != null) {
            actions.add(new Span(job.error()));
        }
        return actions;
    }

    private void showVerification(ManifestVerification verification) {
        Notification notification = verification.valid()
                ? Notification.show("Verified: the file matches its signed manifest (SHA-256 "
                        + verification.expectedSha256().substring(0, 16) + "…)")
                : Notification.show("Verification FAILED: " + String.join("; ", verification.problems()));
        notification.addThemeVariants(verification.valid() ? NotificationVariant.LUMO_SUCCESS
                : NotificationVariant.LUMO_ERROR);
    }

    private void submit() {
        try {
            if (from.getValue() == null || to.getValue() == null) {
                throw new IllegalArgumentException("Choose the time range");
            }
            ExportJob job = exports.submit(new ExportRequest(query.getValue(),
                    from.getValue().toInstant(ZoneOffset.UTC), to.getValue().toInstant(ZoneOffset.UTC),
                    orderedFields(), format.getValue(),
                    gzip.getValue() && format.getValue() != ExportFormat.XLSX));
            update(job);
            Notification.show("Export started");
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** Suggested fields in their natural order, then custom ones. */
    private List<String> orderedFields() {
        List<String> ordered = new ArrayList<>(SUGGESTED_FIELDS.stream()
                .filter(fields.getValue()::contains).toList());
        fields.getValue().stream().filter(f -> !SUGGESTED_FIELDS.contains(f)).sorted().forEach(ordered::add);
        return ordered;
    }

    private void update(ExportJob job) {
        jobs.put(job.id(), job);
        refresh();
    }

    private void refresh() {
        grid.setItems(jobs.values().stream()
                .sorted(Comparator.comparing(ExportJob::createdAt).reversed()).toList());
        grid.recalculateColumnWidths();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        jobs.clear();
        exports.jobs().forEach(job -> jobs.put(job.id(), job));
        refresh();
        UI ui = attachEvent.getUI();
        unsubscribe = exports.subscribe(job -> ui.access(() -> update(job)));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        super.onDetach(detachEvent);
    }
}
