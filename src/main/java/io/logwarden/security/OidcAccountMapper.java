package io.logwarden.security;

import io.logwarden.security.internal.UserAccountRepository;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Optional OIDC login: the identity provider proves who someone is, Logwarden decides what they may do. The
 * identity must map to an enabled Logwarden account, whose roles and scope apply; nobody without an account gets in.
 * How it maps is {@code logwarden.security.oidc.match} (docs/decisions/053): by default the identity provider's
 * issuer + subject must equal the link an administrator stored on the account; claims a user may be able to edit
 * at the provider, such as {@code preferred_username}, are not trusted unless configured explicitly.
 */
@Component
public class OidcAccountMapper {

    static final int MAX_USERS = 10_000;

    private final DocumentStore store;
    private final UserAccountRepository accounts;
    private final SecurityProperties properties;
    private final ApplicationEventPublisher events;

    @Autowired
    public OidcAccountMapper(DocumentStore store, UserAccountRepository accounts, SecurityProperties properties,
                             ApplicationEventPublisher events) {
        this.store = store;
        this.accounts = accounts;
        this.properties = properties;
        this.events = events;
    }

    public OidcAccountMapper(DocumentStore store, SecurityProperties properties) {
        this(store, new UserAccountRepository(store, java.time.Duration.ZERO, java.time.Clock.systemUTC()),
                properties, event -> { });
    }

    public OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {
        OidcUserService delegate = new OidcUserService();
        return request -> map(delegate.loadUser(request));
    }

    /**
     * The Logwarden user for a verified OIDC identity, named by the account's username.
     *
     * @throws OAuth2AuthenticationException ({@code access_denied}) when no enabled account matches
     */
    public OidcUser map(OidcUser identity) {
        String issuer = identity.getIssuer() == null ? null : identity.getIssuer().toString();
        String subject = identity.getSubject();
        UserAccount account = switch (properties.oidc().match()) {
            case SUBJECT -> linkedAccount(issuer, subject).orElse(null);
            case VERIFIED_EMAIL -> byVerifiedEmail(identity, issuer, subject);
            case CLAIM -> byClaim(identity.getClaims());
        };
        if (account == null || !account.enabled() || !Roles.usesTheApplication(account.roles())) {
            throw denied("No enabled Logwarden account is linked to this identity (" + issuer + ", subject "
                    + subject + ")");
        }
        List<GrantedAuthority> authorities = account.roles().stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return new LinkedOidcUser(account.username(), authorities, identity);
    }

    private Optional<UserAccount> linkedAccount(String issuer, String subject) {
        return allAccounts().stream().filter(a -> a.oidc() != null && a.oidc().matches(issuer, subject)).findFirst()
                .flatMap(a -> accounts.findFresh(a.username()));
    }

    /**
     * By verified email, once: the first login links the account to the identity's issuer and subject, and later
     * logins must come from that same subject, so an email address re-assigned at the provider cannot take over.
     */
    private UserAccount byVerifiedEmail(OidcUser identity, String issuer, String subject) {
        Optional<UserAccount> linked = linkedAccount(issuer, subject);
        if (linked.isPresent()) {
            return linked.get();
        }
        String email = identity.getEmail();
        if (email == null || !Boolean.TRUE.equals(identity.getEmailVerified()) || subject == null) {
            throw denied("The identity provider did not send a verified email");
        }
        List<UserAccount> matching = allAccounts().stream()
                .filter(a -> a.email() != null && a.email().equalsIgnoreCase(email)).toList();
        if (matching.size() != 1) {
            throw denied(matching.isEmpty() ? "No Logwarden account has the email " + email
                    : "Several Logwarden accounts have the email " + email);
        }
        UserAccount account = matching.getFirst();
        if (account.oidc() != null) {
            throw denied("The account with email " + email + " is linked to another identity");
        }
        UserAccount linkedNow = account.withOidc(new UserAccount.OidcLink(issuer, subject));
        store.save(IndexNames.USERS, account.username(), linkedNow);
        events.publishEvent(new UserAccountChanged("user.oidc-link", account.username(),
                Map.of("issuer", issuer == null ? "" : issuer, "method", "verified-email")));
        return linkedNow;
    }

    private UserAccount byClaim(Map<String, Object> claims) {
        Object claim = claims.get(properties.oidcUsernameClaim());
        return claim == null ? null : accounts.findFresh(claim.toString()).orElse(null);
    }

    private List<UserAccount> allAccounts() {
        return store.findAll(IndexNames.USERS, UserAccount.class, MAX_USERS);
    }

    private static OAuth2AuthenticationException denied(String message) {
        return new OAuth2AuthenticationException(new OAuth2Error("access_denied", message, null), message);
    }

    /** The identity provider's user under the Logwarden username, with the account's roles. */
    static final class LinkedOidcUser implements OidcUser, java.io.Serializable {

        private final String username;
        private final List<GrantedAuthority> authorities;
        private final OidcUser identity;

        LinkedOidcUser(String username, List<GrantedAuthority> authorities, OidcUser identity) {
            this.username = username;
            this.authorities = List.copyOf(authorities);
            this.identity = identity;
        }

        @Override
        public String getName() {
            return username;
        }

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return authorities;
        }

        @Override
        public Map<String, Object> getClaims() {
            return identity.getClaims();
        }

        @Override
        public OidcUserInfo getUserInfo() {
            return identity.getUserInfo();
        }

        @Override
        public OidcIdToken getIdToken() {
            return identity.getIdToken();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return identity.getAttributes();
        }
    }
}
