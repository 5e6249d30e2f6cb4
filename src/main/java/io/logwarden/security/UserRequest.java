package io.logwarden.security;

import java.util.Set;

/**
 * What an administrator sends to create or change a user. On update, null fields stay as they are.
 *
 * @param username login name (create only): letters, digits and {@code . _ @ -}, at most 64 characters
 * @param password new password, at least 12 characters; required on create
 * @param roles    role names from {@link Roles}, at least one
 * @param scope    the data the user may see; null on create means everything (not allowed for OPERATIONS and
 *                 VIEWER, who need a non-empty scope)
 * @param enabled  whether the account may log in (default on create: true)
 * @param email    the person's email (for OIDC login by verified email); empty string clears it
 * @param oidc     link to an identity-provider identity (issuer and subject); a link with empty subject clears it
 */
public record UserRequest(String username, String password, Set<String> roles, AccessScope scope, Boolean enabled,
                          String email, UserAccount.OidcLink oidc) {

    public UserRequest(String username, String password, Set<String> roles, AccessScope scope, Boolean enabled) {
        this(username, password, roles, scope, enabled, null, null);
    }
}
