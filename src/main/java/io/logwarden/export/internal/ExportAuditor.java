package io.logwarden.export.internal;

import io.logwarden.security.CurrentUser;
import java.util.Map;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one call site of the platform audit trail for exports and data-subject requests.
 * TODO(issue 4): write to the audit service once it is on main; until then the record goes to the JSON log.
 */
@Component
class ExportAuditor {

    private static final Logger log = LoggerFactory.getLogger("io.logwarden.audit.export");

    void record(String action, CurrentUser user, String outcome, Map<String, Object> details) {
        log.info("audit {} by {}: {}", action, user.username(), outcome,
                StructuredArguments.entries(Map.of("audit.action", action, "audit.user", user.username(),
                        "audit.outcome", outcome, "audit.details", details)));
    }
}
