package io.logwarden.security;

import java.time.Instant;
import java.util.Set;

/**
 * A person (or a metrics scraper) who can log in.
 *
 * @param username     unique login name
 * @param passwordHash encoded password ({@code {bcrypt}...}); never the password itself
 * @param roles        role names from {@link Roles}
 * @param scope        the data the user may see; null means everything
 * @param enabled      whether the account may log in
 * @param createdAt    when the account was created
 * @param email        the person's email, used by OIDC login with {@code oidc.match=verified-email}; may be null
 * @param oidc         the identity-provider identity linked to this account, null when none
 */
public record UserAccount(String username, String passwordHash, Set<String> roles, AccessScope scope,
                          boolean enabled, Instant createdAt, String email, OidcLink oidc) {

    /** An account without email or OIDC link. */
    public UserAccount(String username, String passwordHash, Set<String> roles, AccessScope scope, boolean enabled,
                       Instant createdAt) {
        this(username, passwordHash, roles, scope, enabled, createdAt, null, null);
    }

    public AccessScope effectiveScope() {
        return scope == null ? AccessScope.EVERYTHING : scope;
    }

    /** A copy with another OIDC link. */
    public UserAccount withOidc(OidcLink link) {
        return new UserAccount(username, passwordHash, roles, scope, enabled, createdAt, email, link);
    }

    /**
     * The identity of an account at an OIDC identity provider: the stable pair of issuer and subject.
     *
     * @param issuer  the {@code iss} claim (identity provider URL)
     * @param subject the {@code sub} claim, stable for one person at that provider
     */
    public record OidcLink(String issuer, String subject) {

        public boolean matches(String otherIssuer, String otherSubject) {
            return subject != null && subject.equals(otherSubject) && issuer != null && issuer.equals(otherIssuer);
        }
    }
}
