package io.logwarden.audit.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the security configuration an instance starts with ({@code config.security.loaded}) with a fingerprint,
 * so a change of who sees personal data, of the login limits or of the OIDC mapping between two starts shows in the
 * audit trail. Secrets (the admin password) are left out. Changes made at run time are audited by the feature that
 * makes them (users, keys, rules, dashboards).
 */
@Component
class ConfigurationAuditor {

    private final AuditService audit;
    private final SecurityProperties security;

    ConfigurationAuditor(AuditService audit, SecurityProperties security) {
        this.audit = audit;
        this.security = security;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        Map<String, Object> settings = settings(security);
        Map<String, Object> details = new LinkedHashMap<>(settings);
        details.put("fingerprint", fingerprint(settings));
        audit.record(new AuditEntry("config.security.loaded", "configuration", AuditEntry.SUCCESS, null, null,
                "configuration", "logwarden.security", details));
    }

    static Map<String, Object> settings(SecurityProperties security) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pii_roles", new TreeSet<>(security.piiRoles()).toString());
        settings.put("pii_fields", security.piiFields().toString());
        settings.put("pii_keys", security.piiKeys().toString());
        settings.put("prometheus_public", security.prometheusPublic());
        settings.put("login", security.login().toString());
        settings.put("oidc_match", security.oidc().match().name());
        settings.put("account_cache_ttl", security.accountCacheTtl().toString());
        settings.put("basic_auth_cache_ttl", security.basicAuthCacheTtl().toString());
        settings.put("basic_login_audit_interval", security.basicLoginAuditInterval().toString());
        return settings;
    }

    static String fingerprint(Map<String, Object> settings) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(settings.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
