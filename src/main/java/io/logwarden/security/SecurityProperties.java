package io.logwarden.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
 *                         it needs HTTP Basic with the METRICS or ADMIN role)
 * @param piiRoles         roles that see personal data unmasked
 * @param piiFields        fields masked for everyone else, besides the built-in {@code user.email},
 *                         {@code user.name}, {@code source.ip}, {@code user_agent.original}, {@code user.id} and
 *                         {@code user.roles} (dotted names, e.g. {@code labels.customer_phone})
 * @param login            brute-force protection of the login
 * @param oidcUsernameClaim legacy: with {@code oidc.match=claim}, the ID-token claim naming the Logwarden account
 * @param piiKeys          key names that hold personal data wherever they appear inside {@code labels},
 *                         {@code audit.before}, {@code audit.after} and {@code audit.changes} (matched word by word,
 *                         so {@code email} also covers {@code customer_email} and {@code billingEmail})
 * @param accountCacheTtl  how long a user account read from Elasticsearch is reused (roles, scope, enabled) before
 *                         it is read again; a change made on this instance applies at once, one made on another
 *                         instance within this time; {@code 0s} reads it on every request
 * @param basicAuthCacheTtl how long a verified HTTP Basic user+password is remembered so that the slow password
 *                         hash is not computed on every API request; {@code 0s} turns the cache off
 * @param basicLoginAuditInterval successful HTTP Basic logins are written to the audit trail at most once per user
 *                         and instance in this interval (every request authenticates; failures are always written)
 * @param oidc             how OIDC identities map to Logwarden accounts
 */
@Validated
@ConfigurationProperties("logwarden.security")
public record SecurityProperties(String adminPassword, @DefaultValue("false") boolean prometheusPublic,
                                 @DefaultValue({"ADMIN", "COMPLIANCE"}) Set<String> piiRoles,
                                 @DefaultValue({}) List<String> piiFields,
                                 @Valid @NotNull @DefaultValue Login login,
                                 @NotBlank @DefaultValue("preferred_username") String oidcUsernameClaim,
                                 @DefaultValue({"email", "mail", "username", "user name", "ip", "ip address",
                                         "phone", "user agent"}) List<String> piiKeys,
                                 @NotNull @DefaultValue("5s") Duration accountCacheTtl,
                                 @NotNull @DefaultValue("60s") Duration basicAuthCacheTtl,
                                 @NotNull @DefaultValue("1h") Duration basicLoginAuditInterval,
                                 @Valid @NotNull @DefaultValue Oidc oidc) {

    /** The constructor main had before {@code piiFields} and {@code login} were added (tests use it). */
    public SecurityProperties(String adminPassword, boolean prometheusPublic, Set<String> piiRoles) {
        this(adminPassword, prometheusPublic, piiRoles, List.of(), Login.DEFAULTS, "preferred_username");
    }

    /** The constructor before the caches, PII keys and OIDC matching were added. */
    public SecurityProperties(String adminPassword, boolean prometheusPublic, Set<String> piiRoles,
                              List<String> piiFields, Login login, String oidcUsernameClaim) {
        this(adminPassword, prometheusPublic, piiRoles, piiFields, login, oidcUsernameClaim, DEFAULT_PII_KEYS,
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(1), Oidc.DEFAULTS);
    }

    /** Default of {@code pii-keys}. */
    public static final List<String> DEFAULT_PII_KEYS = List.of("email", "mail", "username", "user name", "ip",
            "ip address", "phone", "user agent");

    @ConstructorBinding
    public SecurityProperties {
        piiFields = piiFields == null ? List.of() : List.copyOf(piiFields);
        piiKeys = piiKeys == null ? List.of() : List.copyOf(piiKeys);
        piiRoles = piiRoles == null ? Set.of() : Set.copyOf(piiRoles);
    }

    @AssertTrue(message = "cache times and the Basic login audit interval must not be negative")
    public boolean isDurationsValid() {
        return !accountCacheTtl.isNegative() && !basicAuthCacheTtl.isNegative()
                && !basicLoginAuditInterval.isNegative();
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

        static final Login DEFAULTS = new Login(5, Duration.ofMinutes(15), Duration.ofMinutes(15),
                Duration.ofHours(24));
    }

    /**
     * Mapping of an OIDC login to a Logwarden account (docs/decisions/053).
     *
     * @param match how the account is found: {@code subject} (default) the account an administrator linked to the
     *              identity provider's {@code iss} + {@code sub}; {@code verified-email} the account whose email
     *              equals the token's {@code email} when {@code email_verified} is true, after which the subject
     *              is linked and must stay the same; {@code claim} the account named by
     *              {@code oidc-username-claim} (only for identity providers where users cannot choose that claim)
     */
    public record Oidc(@NotNull @DefaultValue("subject") Match match) {

        static final Oidc DEFAULTS = new Oidc(Match.SUBJECT);

        /** Ways of finding the account of an OIDC identity. */
        public enum Match { SUBJECT, VERIFIED_EMAIL, CLAIM }
    }
}
