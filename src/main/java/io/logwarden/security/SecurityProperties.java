package io.logwarden.security;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security settings.
 *
 * @param adminPassword    password of the {@code admin} user created on first start (from the environment
 *                         variable {@code LOGWARDEN_ADMIN_PASSWORD}); when empty a random one is generated and
 *                         printed once to the log
 * @param prometheusPublic whether {@code /actuator/prometheus} may be scraped without authentication (default:
 *                         it needs HTTP Basic with the ADMIN role)
 * @param piiRoles         roles that see personal data unmasked
 */
@Validated
@ConfigurationProperties("logwarden.security")
public record SecurityProperties(String adminPassword, @DefaultValue("false") boolean prometheusPublic,
                                 @DefaultValue({"ADMIN", "COMPLIANCE"}) Set<String> piiRoles) {
}
