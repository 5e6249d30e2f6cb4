package io.logwarden.audit.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.ApiKeyChanged;
import io.logwarden.security.LoginLockedOut;
import io.logwarden.security.SecurityProperties;
import io.logwarden.security.UserAccountChanged;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes security events to the audit trail: interactive logins (form, OIDC), every failed login (form and HTTP
 * Basic), lock-outs, logouts, user account and API key changes. A stateless API client authenticates with HTTP
 * Basic on every request, so its successful logins are written at most once per user and instance every
 * {@code logwarden.security.basic-login-audit-interval}; what it does is audited by the feature it calls.
 */
@Component
class SecurityAuditListener {

    static final int MAX_TRACKED_BASIC_USERS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(SecurityAuditListener.class);

    private final AuditService audit;
    private final SecurityProperties properties;
    private final Clock clock;
    private final Map<String, Instant> lastBasicLogin = new ConcurrentHashMap<>();

    @Autowired
    SecurityAuditListener(AuditService audit, SecurityProperties properties) {
        this(audit, properties, Clock.systemUTC());
    }

    SecurityAuditListener(AuditService audit, SecurityProperties properties, Clock clock) {
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void loginSucceeded(InteractiveAuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        safely(new AuditEntry("login.success", "authentication", AuditEntry.SUCCESS, auth.getName(), address(auth),
                "user", auth.getName(), Map.of("method", method(event.getGeneratedBy().getSimpleName()))));
    }

    /** Successful HTTP Basic authentications (form and OIDC logins are the interactive event above). */
    @EventListener
    void authenticated(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)
                || !isHttpBasicRequest()) {
            return;
        }
        Authentication auth = event.getAuthentication();
        Instant now = clock.instant();
        Instant last = lastBasicLogin.get(auth.getName());
        if (last != null && now.isBefore(last.plus(properties.basicLoginAuditInterval()))) {
            return;
        }
        if (lastBasicLogin.size() >= MAX_TRACKED_BASIC_USERS) {
            lastBasicLogin.values().removeIf(t -> t.plus(properties.basicLoginAuditInterval()).isBefore(now));
        }
        lastBasicLogin.put(auth.getName(), now);
        safely(new AuditEntry("login.success", "authentication", AuditEntry.SUCCESS, auth.getName(), address(auth),
                "user", auth.getName(), Map.of("method", "basic",
                "recorded_at_most_every", properties.basicLoginAuditInterval().toString())));
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        Authentication auth = event.getAuthentication();
        safely(new AuditEntry("login.failure", "authentication", AuditEntry.FAILURE, auth.getName(), address(auth),
                "user", auth.getName(), Map.of("reason", event.getException().getClass().getSimpleName(),
                "message", String.valueOf(event.getException().getMessage()),
                "method", isHttpBasicRequest() ? "basic" : method(auth.getClass().getSimpleName()))));
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

    /** User changes are stored before the admin's request returns: if that fails, the change is reported as failed. */
    @EventListener
    void userChanged(UserAccountChanged event) {
        audit.recordDurably(new AuditEntry(event.action(), "iam", AuditEntry.SUCCESS, null, null, "user",
                event.username(), event.details()));
    }

    @EventListener
    void apiKeyChanged(ApiKeyChanged event) {
        audit.recordDurably(new AuditEntry(event.action(), "iam", AuditEntry.SUCCESS, null, null, "apikey",
                event.id(), Map.of("name", event.name())));
    }

    private void safely(AuditEntry entry) {
        try {
            audit.record(entry);
        } catch (RuntimeException e) {
            log.error("Could not write audit record {} for {}: {}", entry.action(), entry.targetId(), e.toString());
        }
    }

    private static String method(String generatedBy) {
        if (generatedBy.contains("OAuth2")) {
            return "oidc";
        }
        return generatedBy.contains("UsernamePassword") ? "form" : generatedBy;
    }

    private static boolean isHttpBasicRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String header = request.getHeader("Authorization");
            return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        }
        return false;
    }

    private static String address(Authentication auth) {
        return auth.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
