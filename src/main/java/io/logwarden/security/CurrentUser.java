package io.logwarden.security;

import java.util.Set;

/**
 * The user a request runs for, as the services need it.
 *
 * @param username   login name
 * @param roles      role names from {@link Roles}
 * @param scope      the data the user may see
 * @param piiVisible whether personal data is shown unmasked
 */
public record CurrentUser(String username, Set<String> roles, AccessScope scope, boolean piiVisible) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
