package io.logwarden.security;

import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Optional OIDC login: the identity provider proves who someone is, Logwarden decides what they may do. The claim
 * {@code logwarden.security.oidc-username-claim} (default {@code preferred_username}) must name an enabled Logwarden
 * account; its roles and scope apply. Nobody without an account gets in.
 */
@Component
public class OidcAccountMapper {

    private final DocumentStore store;
    private final String usernameClaim;

    public OidcAccountMapper(DocumentStore store, SecurityProperties properties) {
        this.store = store;
        this.usernameClaim = properties.oidcUsernameClaim();
    }

    public OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Object claim = user.getClaims().get(usernameClaim);
            UserAccount account = claim == null ? null
                    : store.find(IndexNames.USERS, claim.toString(), UserAccount.class).orElse(null);
            if (account == null || !account.enabled()) {
                throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
                        "No enabled Logwarden account for " + usernameClaim + "=" + claim, null));
            }
            List<SimpleGrantedAuthority> authorities = account.roles().stream()
                    .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), usernameClaim);
        };
    }
}
