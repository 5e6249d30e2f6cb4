package io.logwarden.security;

import java.time.Instant;
import java.util.Set;

/**
 * A user account as shown to administrators: everything but the password hash.
 *
 * @param username  login name
 * @param roles     role names from {@link Roles}
 * @param scope     the data the user may see
 * @param enabled   whether the account may log in
 * @param createdAt when the account was created
 * @param email     the person's email, may be null
 * @param oidc      the linked identity-provider identity, may be null
 */
public record UserSummary(String username, Set<String> roles, AccessScope scope, boolean enabled, Instant createdAt,
                          String email, UserAccount.OidcLink oidc) {

    public UserSummary(String username, Set<String> roles, AccessScope scope, boolean enabled, Instant createdAt) {
        this(username, roles, scope, enabled, createdAt, null, null);
    }

    static UserSummary of(UserAccount account) {
        return new UserSummary(account.username(), account.roles(), account.effectiveScope(), account.enabled(),
                account.createdAt(), account.email(), account.oidc());
    }
}
