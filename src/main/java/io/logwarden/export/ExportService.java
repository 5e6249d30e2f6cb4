package io.logwarden.export;

import io.logwarden.analytics.CustomDashboardService;
import io.logwarden.analytics.DashboardDefinition;
import io.logwarden.analytics.Widget;
import io.logwarden.search.SearchService;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.IndexNames;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Uncapped, scoped, masked and signed exports of searches and dashboard widgets. Only roles with the export
 * permission may use it; each user sees and downloads their own exports, admins everyone's. Jobs run in the
 * background for the user who submitted them, with the scope and PII visibility that user had at submission.
 */
@Service
public class ExportService {

    /** The roles with the export permission. */
    public static final String EXPORTERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.COMPLIANCE + "')";
    static final int MAX_PAGE = 500;

    private final AccessService access;
    private final ExportOperations operations;
    private final SearchService search;
    private final CustomDashboardService dashboards;

    public ExportService(AccessService access, ExportOperations operations, SearchService search,
                         CustomDashboardService dashboards) {
        this.access = access;
        this.operations = operations;
        this.search = search;
        this.dashboards = dashboards;
    }

    /**
     * Starts an export of a search. The query is validated and interpreted exactly as Search does it (its parser,
     * limits, default fields and operator), so the file holds exactly the rows the same search shows; a query Search
     * would refuse is refused here, before any job starts.
     */
    @PreAuthorize(EXPORTERS)
    public ExportJob submit(ExportRequest request) {
        if (request.fields().isEmpty() && request.format() != ExportFormat.NDJSON) {
            throw new IllegalArgumentException("Choose the fields (columns) of a " + request.format() + " export");
        }
        EventQuery query = search.query(request.query(),
                new io.logwarden.search.TimeRange(request.from(), request.to()));
        return operations.submit(access.current(), request, ExportJob.PURPOSE_SEARCH,
                ExportSource.search(List.of(IndexNames.EVENTS_ALIAS), query.defaultFields(),
                        query.leadingWildcards()));
    }

    /**
     * Starts an export of a dashboard widget's aggregated data (what the widget shows over the range, in the caller's
     * scope), with the same formats, manifest and audit as a search export.
     */
    @PreAuthorize(EXPORTERS)
    public ExportJob submitWidget(WidgetExportRequest request) {
        DashboardDefinition dashboard = dashboards.find(request.dashboardId()).orElseThrow(() ->
                new IllegalArgumentException("No dashboard " + request.dashboardId() + " that you may view"));
        if (request.widgetIndex() >= dashboard.widgets().size()) {
            throw new IllegalArgumentException("Dashboard '" + dashboard.title() + "' has "
                    + dashboard.widgets().size() + " widgets; 'widget' counts from 0");
        }
        Widget widget = dashboard.widgets().get(request.widgetIndex());
        WidgetTable table = WidgetTables.of(dashboard.id(), request.widgetIndex(), dashboards.render(widget,
                new io.logwarden.analytics.TimeRange(request.from(), request.to(), "")));
        ExportRequest export = new ExportRequest(widget.query(), request.from(), request.to(), List.of(),
                request.format(), request.gzip());
        return operations.submit(access.current(), export, ExportJob.PURPOSE_WIDGET, ExportSource.widget(table));
    }

    /** Starts a data-subject export (see {@link DataSubjectService}). */
    ExportJob submitDataSubject(ExportRequest request, ExportSource source) {
        return operations.submit(access.current(), request, ExportJob.PURPOSE_DATA_SUBJECT, source);
    }

    /** The caller's exports (an admin's: everyone's), newest first, {@code size} from position {@code from}. */
    @PreAuthorize(EXPORTERS)
    public ExportJobPage jobs(int from, int size) {
        if (from < 0 || size < 1 || size > MAX_PAGE) {
            throw new IllegalArgumentException("'size' must be between 1 and " + MAX_PAGE + ", 'from' at least 0");
        }
        CurrentUser user = access.current();
        return operations.page(user.hasRole(Roles.ADMIN) ? null : user.username(), from, size);
    }

    @PreAuthorize(EXPORTERS)
    public ExportJob job(String id) {
        return owned(id);
    }

    /** Cancels the job wherever it runs; the cancellation is audited with the caller as actor. */
    @PreAuthorize(EXPORTERS)
    public ExportJob cancel(String id) {
        owned(id);
        return operations.cancel(id, access.current());
    }

    @PreAuthorize(EXPORTERS)
    public ExportFile file(String id) {
        return operations.file(owned(id));
    }

    /** The signed manifest as JSON, exactly the signed text; kept after the file expires. */
    @PreAuthorize(EXPORTERS)
    public String manifest(String id) {
        return operations.manifest(owned(id));
    }

    /** Checks the server's copy of the file against the signed manifest. */
    @PreAuthorize(EXPORTERS)
    public ManifestVerification verify(String id) {
        return operations.verify(owned(id));
    }

    /** Checks a copy of the file (e.g. the one an officer downloaded), read to its end, against the manifest. */
    @PreAuthorize(EXPORTERS)
    public ManifestVerification verify(String id, InputStream copy) {
        return operations.verify(owned(id), copy);
    }

    /** Checks a file's SHA-256 (hex) against the manifest. */
    @PreAuthorize(EXPORTERS)
    public ManifestVerification verifySha256(String id, String sha256) {
        return operations.verifySha256(owned(id), sha256);
    }

    /** Progress of the caller's visible jobs as it happens; run the returned action to unsubscribe. */
    @PreAuthorize(EXPORTERS)
    public Runnable subscribe(Consumer<ExportJob> listener) {
        CurrentUser user = access.current();
        return operations.subscribe(job -> {
            if (visible(job, user)) {
                listener.accept(job);
            }
        });
    }

    private ExportJob owned(String id) {
        ExportJob job = operations.find(id).orElseThrow(() -> new ExportNotFoundException(id));
        if (!visible(job, access.current())) {
            throw new ExportNotFoundException(id);
        }
        return job;
    }

    private static boolean visible(ExportJob job, CurrentUser user) {
        return user.hasRole(Roles.ADMIN) || job.submittedBy().username().equals(user.username());
    }
}
