package io.logwarden.export.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.logwarden.analytics.CustomDashboardService;
import io.logwarden.export.ExportFile;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportService;
import io.logwarden.export.ExportState;
import io.logwarden.export.ManifestVerification;
import io.logwarden.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Exports: start an export of a search or of a dashboard widget; follow every job (newest first, paged from
 * Elasticsearch) with a progress bar pushed from the background runner; cancel, download, download the signed
 * manifest, verify the server's copy or a copy you hold.
 */
@Route("exports")
@PageTitle("Exports · Logwarden")
@Menu(order = 5, icon = "vaadin:download", title = "Exports")
@RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
class ExportsView extends Main implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final int PAGE = 50;

    private final ExportService exports;
    private final Grid<ExportJob> grid = new Grid<>();
    private final CallbackDataProvider<ExportJob, Void> jobs;
    private final Details widgetDetails;
    final SearchExportForm searchForm;
    final WidgetExportForm widgetForm;
    private Runnable unsubscribe;

    ExportsView(ExportService exports, CustomDashboardService dashboards) {
        this.exports = exports;
        addClassName("exports-view");
        this.jobs = new CallbackDataProvider<>(
                query -> exports.jobs(query.getOffset(), Math.min(query.getLimit(), PAGE * 4)).jobs().stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, exports.jobs(0, 1).total()), ExportJob::id);
        this.searchForm = new SearchExportForm(exports, this::started);
        this.widgetForm = new WidgetExportForm(exports, dashboards, this::started);
        this.widgetDetails = new Details("Export a dashboard widget", widgetForm);
        VerticalLayout layout = new VerticalLayout(new H2("Exports"), searchForm, widgetDetails, grid());
        layout.setSizeFull();
        add(layout);
        setSizeFull();
    }

    /** {@code exports?dashboard=<id>&widget=<n>&from=&to=}: the dashboards' "Export…" links. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        String dashboard = first(parameters, "dashboard");
        if (dashboard == null) {
            return;
        }
        try {
            String widget = first(parameters, "widget");
            String from = first(parameters, "from");
            String to = first(parameters, "to");
            boolean found = widgetForm.prefill(dashboard, widget == null ? 0 : Integer.parseInt(widget),
                    from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
            widgetDetails.setOpened(true);
            if (!found) {
                Notification.show("No dashboard " + dashboard + " that you may view");
            }
        } catch (RuntimeException e) {
            Notification.show("Cannot read the widget link: " + e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private Component grid() {
        grid.addColumn(job -> TIME.format(job.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
        grid.addColumn(job -> job.submittedBy().username()).setHeader("By").setAutoWidth(true);
        grid.addColumn(job -> job.purpose() + " · " + job.request().format()
                + (job.request().gzip() ? ".gz" : "")).setHeader("What").setAutoWidth(true);
        grid.addColumn(ExportsView::described).setHeader("Query");
        grid.addColumn(job -> job.state().name()).setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(this::progress).setHeader("Progress").setWidth("14em").setFlexGrow(0);
        grid.addColumn(this::rows).setHeader("Rows").setAutoWidth(true);
        grid.addColumn(job -> eta(job.eta(Instant.now()))).setHeader("ETA").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.setItems(jobs);
        grid.setPageSize(PAGE);
        grid.setSizeFull();
        return grid;
    }

    private static String described(ExportJob job) {
        if (job.source().widget() != null) {
            return "widget \"" + job.source().widget().title() + "\"";
        }
        if (job.source().subject() != null) {
            return "data subject";
        }
        return job.request().query().isEmpty() ? "*" : job.request().query();
    }

    private Component progress(ExportJob job) {
        ProgressBar bar = new ProgressBar(0, 100);
        bar.addClassName("export-progress");
        bar.getElement().setAttribute("data-export-id", job.id());
        bar.getElement().setAttribute("data-state", job.state().name());
        if (!job.state().finished() && job.percent() < 0) {
            bar.setIndeterminate(true);
        } else {
            bar.setValue(Math.max(0, job.percent()));
        }
        return bar;
    }

    private String rows(ExportJob job) {
        String rows = job.totalRows() >= 0 ? String.format("%,d / %,d", job.rows(), job.totalRows())
                : String.format("%,d", job.rows());
        return job.percent() >= 0 ? rows + " (" + job.percent() + " %)" : rows;
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
                jobs.refreshItem(exports.cancel(job.id()));
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
            download.addClassName("export-download");
            Button verify = new Button("Verify", e -> showVerification(exports.verify(job.id())));
            verify.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(download, verify);
        }
        if (job.manifest() != null) {
            Anchor manifest = new Anchor(DownloadHandler.fromInputStream(event -> {
                byte[] bytes = exports.manifest(job.id()).getBytes(StandardCharsets.UTF_8);
                return new DownloadResponse(new ByteArrayInputStream(bytes), job.id() + ".manifest.json",
                        "application/json", bytes.length);
            }), "Manifest");
            manifest.getElement().setAttribute("download", true);
            manifest.addClassName("export-manifest");
            Button copy = new Button("Verify a copy…", e -> new VerifyDialog(exports, job).open());
            copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            actions.add(manifest, copy);
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

    private void started(ExportJob job) {
        jobs.refreshAll();
    }

    /** A job this view shows changed: its row is redrawn; a new or ended job re-reads the page. */
    private void update(ExportJob job) {
        if (job.state() == ExportState.RUNNING || job.state() == ExportState.PAUSED) {
            jobs.refreshItem(job);
        } else {
            jobs.refreshAll();
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        SecurityContext viewer = SecurityContextHolder.getContext();
        unsubscribe = exports.subscribe(job -> asViewer(viewer, () -> ui.access(() -> update(job))));
    }

    /**
     * Runs a push as the view's user: re-reading the page after a job ends calls the (secured) service on the
     * runner's thread, which has no security context of its own.
     */
    private static void asViewer(SecurityContext viewer, Runnable push) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(viewer);
        try {
            push.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
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
