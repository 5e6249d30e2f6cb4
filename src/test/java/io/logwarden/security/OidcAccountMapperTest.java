package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.storage.IndexNames;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** How OIDC identities map to accounts, in each {@code oidc.match} mode, against a JSON round-tripping store. */
class OidcAccountMapperTest {

    static final String ISSUER = "https://idp.example.com/realms/corp";
    private final ApiKeyServiceTest.InMemoryStore store = new ApiKeyServiceTest.InMemoryStore();

    private OidcAccountMapper mapper(SecurityProperties.Oidc.Match match) {
        SecurityProperties properties = new SecurityProperties(null, false, Set.of("ADMIN", "COMPLIANCE"), List.of(),
                SecurityProperties.Login.DEFAULTS, "preferred_username", SecurityProperties.DEFAULT_PII_KEYS,
                Duration.ZERO, Duration.ZERO, Duration.ofHours(1), new SecurityProperties.Oidc(match));
        return new OidcAccountMapper(store, properties);
    }

    private void account(String username, String email, UserAccount.OidcLink link, boolean enabled) {
        store.save(IndexNames.USERS, username, new UserAccount(username, "{noop}x", Set.of(Roles.ANALYST),
                AccessScope.EVERYTHING, enabled, Instant.EPOCH, email, link));
    }

    private static OidcUser identity(String subject, Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("iss", ISSUER);
        all.put("sub", subject);
        OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), all);
        return new DefaultOidcUser(List.of(), token);
    }

    @Test
    void by_default_maps_only_the_account_linked_to_issuer_and_subject() {
        account("jane", "jane@corp.example", new UserAccount.OidcLink(ISSUER, "sub-jane"), true);
        account("admin", null, null, true);
        OidcAccountMapper mapper = mapper(SecurityProperties.Oidc.Match.SUBJECT);

        OidcUser user = mapper.map(identity("sub-jane", Map.of("preferred_username", "admin")));

        assertThat(user.getName()).isEqualTo("jane");
        assertThat(user.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ANALYST");
        // a user naming themselves 'admin' at the identity provider gets nothing
        assertThatThrownBy(() -> mapper.map(identity("sub-mallory", Map.of("preferred_username", "admin"))))
                .isInstanceOf(OAuth2AuthenticationException.class).hasMessageContaining("No enabled Logwarden");
    }

    @Test
    void refuses_a_subject_of_another_issuer_and_disabled_accounts() {
        account("jane", null, new UserAccount.OidcLink("https://other.example", "sub-jane"), true);
        account("joe", null, new UserAccount.OidcLink(ISSUER, "sub-joe"), false);
        OidcAccountMapper mapper = mapper(SecurityProperties.Oidc.Match.SUBJECT);

        assertThatThrownBy(() -> mapper.map(identity("sub-jane", Map.of())))
                .isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> mapper.map(identity("sub-joe", Map.of())))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    @Test
    void verified_email_links_the_subject_on_first_login_and_then_requires_it() {
        account("jane", "Jane@Corp.example", null, true);
        OidcAccountMapper mapper = mapper(SecurityProperties.Oidc.Match.VERIFIED_EMAIL);

        assertThatThrownBy(() -> mapper.map(identity("sub-1", Map.of("email", "jane@corp.example",
                "email_verified", false)))).isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("verified");
        assertThat(mapper.map(identity("sub-1", Map.of("email", "jane@corp.example", "email_verified", true)))
                .getName()).isEqualTo("jane");
        assertThat(store.find(IndexNames.USERS, "jane", UserAccount.class).orElseThrow().oidc())
                .isEqualTo(new UserAccount.OidcLink(ISSUER, "sub-1"));
        // the address re-assigned to someone else at the provider no longer opens the account
        assertThatThrownBy(() -> mapper.map(identity("sub-2", Map.of("email", "jane@corp.example",
                "email_verified", true)))).isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("linked to another identity");
        assertThat(mapper.map(identity("sub-1", Map.of())).getName()).isEqualTo("jane");
    }

    @Test
    void verified_email_refuses_unknown_and_ambiguous_addresses() {
        account("a1", "shared@corp.example", null, true);
        account("a2", "shared@corp.example", null, true);
        OidcAccountMapper mapper = mapper(SecurityProperties.Oidc.Match.VERIFIED_EMAIL);

        assertThatThrownBy(() -> mapper.map(identity("s", Map.of("email", "shared@corp.example",
                "email_verified", true)))).hasMessageContaining("Several");
        assertThatThrownBy(() -> mapper.map(identity("s", Map.of("email", "nobody@corp.example",
                "email_verified", true)))).hasMessageContaining("No Logwarden account");
    }

    @Test
    void claim_mode_uses_the_configured_claim_as_username() {
        account("ops", null, null, true);
        OidcAccountMapper mapper = mapper(SecurityProperties.Oidc.Match.CLAIM);

        assertThat(mapper.map(identity("x", Map.of("preferred_username", "ops"))).getName()).isEqualTo("ops");
        assertThatThrownBy(() -> mapper.map(identity("x", Map.of("preferred_username", "ghost"))))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }
}
