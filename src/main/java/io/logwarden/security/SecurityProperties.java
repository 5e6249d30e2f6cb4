package io.logwarden.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param piiFields        fields masked for everyone else, besides the built-in {@code user.email},
 *                         {@code user.name}, {@code source.ip} and {@code user_agent.original} (dotted names, e.g.
 *                         {@code labels.customer_phone})
 * @param login            brute-force protection of the login
 * @param oidcUsernameClaim with OIDC login (configured by {@code spring.security.oauth2.client.registration.*}), the
 *                         ID-token claim naming the Logwarden account the person logs in as
 */
@Validated
@ConfigurationProperties("logwarden.security")
public record SecurityProperties(String adminPassword, @DefaultValue("false") boolean prometheusPublic,
                                 @DefaultValue({"ADMIN", "COMPLIANCE"}) Set<String> piiRoles,
                                 @DefaultValue({}) List<String> piiFields,
                                 @Valid @NotNull @DefaultValue Login login,
                                 @NotBlank @DefaultValue("preferred_username") String oidcUsernameClaim) {

    /** The constructor main had before {@code piiFields} and {@code login} were added. */
    public SecurityProperties(String adminPassword, boolean prometheusPublic, Set<String> piiRoles) {
        this(adminPassword, prometheusPublic, piiRoles, List.of(), new Login(5, Duration.ofMinutes(15),
                Duration.ofMinutes(15), Duration.ofHours(24)), "preferred_username");
    }

    @ConstructorBinding
    public SecurityProperties {
        piiFields = piiFields == null ? List.of() : List.copyOf(piiFields);
    }

    /**
     * Lock-out after repeated failed logins of one username from one address.
     *
     * @param maxFailures   failed attempts within {@code window} before the pair is locked out
     * @param window        how long failures are remembered
     * @param lockout       length of the first lock-out; each further lock-out of the same pair doubles it
     * @param maxLockout    longest lock-out
     */
    public record Login(@Min(1) @DefaultValue("5") int maxFailures,
                        @NotNull @DefaultValue("15m") Duration window,
                        @NotNull @DefaultValue("15m") Duration lockout,
                        @NotNull @DefaultValue("24h") Duration maxLockout) {
    }
}
