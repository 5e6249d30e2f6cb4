package io.logwarden.security;

import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * User and role administration, for the Admin view and {@code /api/v1/users}. Every change is published as a
 * {@link UserAccountChanged} event (the audit trail records it).
 */
@Service
@PreAuthorize("hasRole('" + Roles.ADMIN + "')")
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_USERS = 10_000;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final DocumentStore store;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;

    public UserService(DocumentStore store, PasswordEncoder passwordEncoder, ApplicationEventPublisher events) {
        this.store = store;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
    }

    public List<UserSummary> list() {
        return store.findAll(IndexNames.USERS, UserAccount.class, MAX_USERS).stream()
                .sorted(Comparator.comparing(UserAccount::username))
                .map(UserSummary::of).toList();
    }

    /** @throws NoSuchElementException when there is no such user */
    public UserSummary get(String username) {
        return UserSummary.of(account(username));
    }

    /**
     * @throws IllegalArgumentException when a field is invalid
     * @throws IllegalStateException    when the username is taken
     */
    public UserSummary create(UserRequest request) {
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw new IllegalArgumentException("username: 1-64 letters, digits or . _ @ -");
        }
        checkPassword(request.password());
        Set<String> roles = checkRoles(request.roles());
        AccessScope scope = checkScope(roles, request.scope() == null ? AccessScope.EVERYTHING : request.scope());
        UserAccount account = new UserAccount(request.username(), passwordEncoder.encode(request.password()), roles,
                scope, request.enabled() == null || request.enabled(), Instant.now(), checkEmail(request.email()),
                checkLink(request.oidc()));
        if (!store.create(IndexNames.USERS, account.username(), account)) {
            throw new IllegalStateException("User " + account.username() + " already exists");
        }
        publish("user.create", account, null);
        return UserSummary.of(account);
    }

    /** Changes roles, scope, enabled flag and (when given) the password. */
    public UserSummary update(String username, UserRequest request) {
        UserAccount old = account(username);
        Set<String> roles = request.roles() == null ? old.roles() : checkRoles(request.roles());
        boolean enabled = request.enabled() == null ? old.enabled() : request.enabled();
        if (username.equals(currentUsername()) && (!enabled || !roles.contains(Roles.ADMIN))) {
            throw new IllegalArgumentException("You cannot disable yourself or take away your own ADMIN role");
        }
        String hash = old.passwordHash();
        if (request.password() != null) {
            checkPassword(request.password());
            hash = passwordEncoder.encode(request.password());
        }
        AccessScope scope = checkScope(roles, request.scope() == null ? old.effectiveScope() : request.scope());
        String email = request.email() == null ? old.email() : checkEmail(request.email());
        UserAccount.OidcLink link = request.oidc() == null ? old.oidc() : checkLink(request.oidc());
        UserAccount updated = new UserAccount(username, hash, roles, scope, enabled, old.createdAt(), email, link);
        store.save(IndexNames.USERS, username, updated);
        publish("user.update", updated, old);
        if (request.password() != null) {
            events.publishEvent(new UserAccountChanged("user.password", username, Map.of()));
        }
        return UserSummary.of(updated);
    }

    public void delete(String username) {
        UserAccount old = account(username);
        if (username.equals(currentUsername())) {
            throw new IllegalArgumentException("You cannot delete yourself");
        }
        store.delete(IndexNames.USERS, username);
        events.publishEvent(new UserAccountChanged("user.delete", username, Map.of("roles", old.roles())));
    }

    private UserAccount account(String username) {
        return store.find(IndexNames.USERS, username, UserAccount.class)
                .orElseThrow(() -> new NoSuchElementException("No user " + username));
    }

    private void publish(String action, UserAccount account, UserAccount before) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", account.roles());
        details.put("scope", scopeDetails(account.effectiveScope()));
        details.put("enabled", account.enabled());
        details.put("oidc_linked", account.oidc() != null);
        if (before != null) {
            details.put("before", Map.of("roles", before.roles(), "scope", scopeDetails(before.effectiveScope()),
                    "enabled", before.enabled(), "oidc_linked", before.oidc() != null));
        }
        events.publishEvent(new UserAccountChanged(action, account.username(), details));
    }

    private static Map<String, Object> scopeDetails(AccessScope scope) {
        return Map.of("organizations", scope.organizations(), "services", scope.services(),
                "categories", scope.categories());
    }

    /** OPERATIONS and VIEWER accounts see only part of the data: an unrestricted scope is refused for them. */
    private static AccessScope checkScope(Set<String> roles, AccessScope scope) {
        boolean needsScope = roles.stream().anyMatch(Roles.SCOPED::contains) && !roles.contains(Roles.ADMIN);
        if (needsScope && scope.restrictsNothing()) {
            throw new IllegalArgumentException("scope: " + Roles.SCOPED.stream().sorted().toList()
                    + " users need at least one tenant, service or category");
        }
        return scope;
    }

    private static String checkEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.strip();
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("email: not an email address");
        }
        return trimmed;
    }

    private static UserAccount.OidcLink checkLink(UserAccount.OidcLink link) {
        if (link == null || link.subject() == null || link.subject().isBlank()) {
            return null;
        }
        if (link.issuer() == null || link.issuer().isBlank() || link.subject().length() > 255
                || link.issuer().length() > 1024) {
            throw new IllegalArgumentException("oidc: issuer (1-1024 characters) and subject (1-255) are required");
        }
        return new UserAccount.OidcLink(link.issuer().strip(), link.subject().strip());
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static Set<String> checkRoles(Set<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("roles: at least one of " + Roles.ACCOUNT_ROLES);
        }
        for (String role : roles) {
            if (!Roles.ACCOUNT_ROLES.contains(role)) {
                throw new IllegalArgumentException("roles: unknown role " + role + "; known: " + Roles.ACCOUNT_ROLES);
            }
        }
        return Set.copyOf(roles);
    }

    private static String currentUsername() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getName();
    }
}
