package io.logwarden.export.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.CurrentUser;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one call site of the platform audit trail for exports and data-subject requests. Export jobs run in background
 * threads, so the actor is the user who submitted the job, passed explicitly.
 */
@Component
class ExportAuditor {

    private final AuditService audit;

    ExportAuditor(AuditService audit) {
        this.audit = audit;
    }

    void record(String action, CurrentUser user, String outcome, Map<String, Object> details) {
        audit.record(new AuditEntry(action, null, outcome, user.username(), null, "export", null, details));
    }
}
