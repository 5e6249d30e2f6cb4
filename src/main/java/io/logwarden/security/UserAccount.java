package io.logwarden.security;

import java.time.Instant;
import java.util.Set;

/**
 * A person who can log in.
 *
 * @param username     unique login name
 * @param passwordHash encoded password ({@code {bcrypt}...}); never the password itself
 * @param roles        role names from {@link Roles}
 * @param scope        the data the user may see; null means everything
 * @param enabled      whether the account may log in
 * @param createdAt    when the account was created
 */
public record UserAccount(String username, String passwordHash, Set<String> roles, AccessScope scope,
                          boolean enabled, Instant createdAt) {

    public AccessScope effectiveScope() {
        return scope == null ? AccessScope.EVERYTHING : scope;
    }
}
