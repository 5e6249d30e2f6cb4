package io.logwarden.export.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.export.ExportJob;
import io.logwarden.security.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one call site of the platform audit trail for exports and data-subject requests. Export jobs run in background
 * threads, so the actor is the user who submitted the job, passed explicitly.
 */
@Component
class ExportAuditor {

    static final String EXPORT = "export";
    static final String EXPORT_CANCEL = "export.cancel";

    private final AuditService audit;
    private final Pseudonyms pseudonyms;

    ExportAuditor(AuditService audit, Pseudonyms pseudonyms) {
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    /** The end of an export job (success, failure, canceled): who, what, how much, and the file's SHA-256. */
    void exportEnded(ExportJob job, String outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("export.id", job.id());
        details.put("purpose", job.purpose());
        details.put("query", job.request().query());
        details.put("from", String.valueOf(job.request().from()));
        details.put("to", String.valueOf(job.request().to()));
        details.put("fields", job.source().widget() != null ? job.source().widget().columns()
                : job.request().fields());
        details.put("format", job.request().format().name());
        details.put("gzip", job.request().gzip());
        details.put("scope", job.submittedBy().scope().toFilter().allowedValues().toString());
        details.put("pii_masked", !job.submittedBy().piiVisible());
        details.put("rows", job.rows());
        details.put("bytes", job.bytes());
        details.put("sha256", String.valueOf(job.sha256()));
        if (job.source().subject() != null) {
            details.put("subject", new ArrayList<>(pseudonyms.of(job.source().subject()).values()));
        }
        if (job.source().widget() != null) {
            details.put("dashboard", job.source().widget().dashboardId());
            details.put("widget", job.source().widget().widgetIndex());
        }
        if (job.error() != null) {
            details.put("error", job.error());
        }
        record(EXPORT, job.submittedBy().username(), outcome, job.id(), details);
    }

    /** A user asked to cancel someone's (or their own) export. */
    void cancelRequested(ExportJob job, CurrentUser by) {
        record(EXPORT_CANCEL, by.username(), AuditEntry.SUCCESS, job.id(),
                Map.of("export.id", job.id(), "owner", job.submittedBy().username(), "state", job.state().name()));
    }

    void record(String action, CurrentUser user, String outcome, Map<String, ?> details) {
        record(action, user.username(), outcome, null, details);
    }

    private void record(String action, String actor, String outcome, String target, Map<String, ?> details) {
        audit.record(new AuditEntry(action, null, outcome, actor, null, "export", target, details));
    }
}
