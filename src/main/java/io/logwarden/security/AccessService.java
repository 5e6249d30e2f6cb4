package io.logwarden.security;

import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/** Who is asking, and what they may see: the one place services get a user's scope from. */
@Service
public class AccessService {

    private final DocumentStore store;
    private final SecurityProperties properties;

    public AccessService(DocumentStore store, SecurityProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The authenticated user of the current request. */
    public CurrentUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || "anonymousUser".equals(authentication.getPrincipal())) {
            throw new AccessDeniedException("Not authenticated");
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        AccessScope scope = store.find(IndexNames.USERS, authentication.getName(), UserAccount.class)
                .map(UserAccount::effectiveScope)
                .orElseThrow(() -> new AccessDeniedException("Unknown user " + authentication.getName()));
        boolean piiVisible = roles.stream().anyMatch(properties.piiRoles()::contains);
        return new CurrentUser(authentication.getName(), roles, scope, piiVisible);
    }

    /**
     * A user as stored now, for work done on their behalf outside a request (an alert rule evaluated for its owner,
     * a notification for its recipient); empty when the account does not exist or is disabled.
     */
    public Optional<CurrentUser> user(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return store.find(IndexNames.USERS, username, UserAccount.class).filter(UserAccount::enabled)
                .map(a -> new CurrentUser(a.username(), Set.copyOf(a.roles()), a.effectiveScope(),
                        a.roles().stream().anyMatch(properties.piiRoles()::contains)));
    }
}
