package io.logwarden.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** What happens to a logged-in session when its account changes underneath it. */
class LiveAccountFilterTest {

    /** Accounts kept as objects; enough for a filter that only reads them. */
    static final class Accounts implements DocumentStore {
        final Map<String, UserAccount> users = new ConcurrentHashMap<>();

        @Override
        public <T> void save(String index, String id, T document) {
            users.put(id, (UserAccount) document);
        }

        @Override
        public <T> boolean create(String index, String id, T document) {
            return users.putIfAbsent(id, (UserAccount) document) == null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> find(String index, String id, Class<T> type) {
            return Optional.ofNullable((T) users.get(id));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> findAll(String index, Class<T> type, int max) {
            return (List<T>) List.copyOf(users.values());
        }

        @Override
        public void delete(String index, String id) {
            users.remove(id);
        }
    }

    private final Accounts store = new Accounts();
    private final LiveAccountFilter filter = new LiveAccountFilter(
            new UserAccountRepository(store, Duration.ZERO, Clock.systemUTC()));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private void account(Set<String> roles, boolean enabled) {
        store.save(IndexNames.USERS, "sam", new UserAccount("sam", "{noop}x", roles, AccessScope.EVERYTHING, enabled,
                Instant.EPOCH));
    }

    private MockHttpServletRequest sessionRequest(String... authorities) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin");
        MockHttpSession session = new MockHttpSession();
        request.setSession(session);
        SecurityContext context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("sam",
                null, AuthorityUtils.createAuthorityList(authorities)));
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        SecurityContextHolder.setContext(context);
        return request;
    }

    private static Set<String> authorities(Authentication authentication) {
        return AuthorityUtils.authorityListToSet(authentication.getAuthorities());
    }

    @Test
    void replaces_the_roles_a_session_remembers_with_the_stored_ones() throws Exception {
        account(Set.of(Roles.VIEWER), true);
        MockHttpServletRequest request = sessionRequest("ROLE_ADMIN", "FACTOR_PASSWORD");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(authorities(SecurityContextHolder.getContext().getAuthentication()))
                .containsExactlyInAnyOrder("ROLE_VIEWER", "FACTOR_PASSWORD");
        SecurityContext saved = (SecurityContext) request.getSession(false)
                .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(authorities(saved.getAuthentication())).contains("ROLE_VIEWER").doesNotContain("ROLE_ADMIN");
        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void ends_the_session_of_a_disabled_deleted_or_metrics_only_account() throws Exception {
        for (Runnable change : List.<Runnable>of(() -> account(Set.of(Roles.ADMIN), false),
                () -> store.delete(IndexNames.USERS, "sam"), () -> account(Set.of(Roles.METRICS), true))) {
            account(Set.of(Roles.ADMIN), true);
            change.run();
            MockHttpServletRequest request = sessionRequest("ROLE_ADMIN");
            MockHttpSession session = (MockHttpSession) request.getSession(false);

            filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

            assertThat(session.isInvalid()).isTrue();
            assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        }
    }

    @Test
    void leaves_unchanged_accounts_and_sessionless_requests_alone() throws Exception {
        account(Set.of(Roles.ADMIN), true);
        MockHttpServletRequest request = sessionRequest("ROLE_ADMIN");
        Authentication before = SecurityContextHolder.getContext().getAuthentication();

        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(before);
        MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/v1/me");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("sam",
                null, List.<GrantedAuthority>of()));
        filter.doFilter(api, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(api.getSession(false)).isNull();
    }
}
