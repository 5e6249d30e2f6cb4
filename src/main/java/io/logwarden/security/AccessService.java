package io.logwarden.security;

import io.logwarden.security.internal.UserAccountRepository;
import io.logwarden.storage.DocumentStore;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Who is asking, and what they may see: the one place services get a user's roles, scope and PII visibility from.
 * Roles, scope and the enabled flag come from the stored account (cached for {@code account-cache-ttl}), not from
 * what the session remembered at login, so disabling a user or taking a role away reaches open sessions.
 */
@Service
public class AccessService {

    private final UserAccountRepository accounts;
    private final PiiMasker masker;

    @Autowired
    public AccessService(UserAccountRepository accounts, PiiMasker masker) {
        this.accounts = accounts;
        this.masker = masker;
    }

    /** Without caching: every call reads the account. */
    public AccessService(DocumentStore store, SecurityProperties properties) {
        this(new UserAccountRepository(store, java.time.Duration.ZERO, java.time.Clock.systemUTC()),
                new PiiMasker(properties));
    }

    /**
     * The authenticated user of the current request.
     *
     * @throws AccessDeniedException when nobody is authenticated, the account is gone or disabled, or it is a
     *                               metrics-only account (which may scrape metrics and nothing else)
     */
    public CurrentUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || "anonymousUser".equals(authentication.getPrincipal())) {
            throw new AccessDeniedException("Not authenticated");
        }
        UserAccount account = accounts.find(authentication.getName())
                .orElseThrow(() -> new AccessDeniedException("Unknown user " + authentication.getName()));
        if (!account.enabled()) {
            throw new AccessDeniedException("Account " + account.username() + " is disabled");
        }
        Set<String> roles = account.roles() == null ? Set.of() : Set.copyOf(account.roles());
        if (!Roles.usesTheApplication(roles)) {
            throw new AccessDeniedException("Account " + account.username() + " has no role that uses Logwarden");
        }
        return new CurrentUser(account.username(), roles, account.effectiveScope(), masker.piiVisible(roles));
    }

    /**
     * A user as stored now, for work done on their behalf outside a request (an alert rule evaluated for its owner,
     * a notification for its recipient); empty when the account does not exist or is disabled.
     */
    public Optional<CurrentUser> user(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return accounts.find(username).filter(UserAccount::enabled)
                .map(a -> {
                    Set<String> roles = a.roles() == null ? Set.of() : Set.copyOf(a.roles());
                    return new CurrentUser(a.username(), roles, a.effectiveScope(), masker.piiVisible(roles));
                });
    }
}
