package io.logwarden.audit.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.LoginLockedOut;
import io.logwarden.security.UserAccountChanged;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Writes security events to the audit trail: interactive logins (form, OIDC), every failed login (form and HTTP
 * Basic), lock-outs, logouts and user account changes. Successful HTTP Basic authentications are not recorded: a
 * stateless API client authenticates on every request, and what it does is audited by the feature it calls.
 */
@Component
class SecurityAuditListener {

    private static final Logger log = LoggerFactory.getLogger(SecurityAuditListener.class);

    private final AuditService audit;

    SecurityAuditListener(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void loginSucceeded(InteractiveAuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        safely(new AuditEntry("login.success", "authentication", AuditEntry.SUCCESS, auth.getName(), address(auth),
                "user", auth.getName(), Map.of("method", event.getGeneratedBy().getSimpleName())));
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        Authentication auth = event.getAuthentication();
        safely(new AuditEntry("login.failure", "authentication", AuditEntry.FAILURE, auth.getName(), address(auth),
                "user", auth.getName(), Map.of("reason", event.getException().getClass().getSimpleName(),
                "message", String.valueOf(event.getException().getMessage()))));
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        safely(new AuditEntry("logout", "authentication", AuditEntry.SUCCESS, auth.getName(), address(auth),
                "user", auth.getName(), Map.of()));
    }

    @EventListener
    void lockedOut(LoginLockedOut event) {
        safely(new AuditEntry("login.lockout", "authentication", AuditEntry.FAILURE, event.username(),
                event.address(), "user", event.username(), Map.of("failures", event.failures(),
                "lockout_seconds", event.lockout().toSeconds())));
    }

    /** User changes are recorded in the admin's request: if that fails, the change is reported as failed. */
    @EventListener
    void userChanged(UserAccountChanged event) {
        audit.record(new AuditEntry(event.action(), "iam", AuditEntry.SUCCESS, null, null, "user", event.username(),
                event.details()));
    }

    private void safely(AuditEntry entry) {
        try {
            audit.record(entry);
        } catch (RuntimeException e) {
            log.error("Could not write audit record {} for {}: {}", entry.action(), entry.targetId(), e.toString());
        }
    }

    private static String address(Authentication auth) {
        return auth.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
