package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.security.internal.UserAccountRepository;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Roles, scope and the enabled flag come from the stored account, read at most once per cache TTL. */
class AccessServiceTest {

    private final ApiKeyServiceTest.InMemoryStore store = new ApiKeyServiceTest.InMemoryStore();
    private final MutableClock clock = new MutableClock();
    private final UserAccountRepository accounts = new UserAccountRepository(store, Duration.ofSeconds(5), clock);
    private final AccessService access = new AccessService(accounts, new PiiMasker(
            new SecurityProperties(null, false, Set.of(Roles.ADMIN, Roles.COMPLIANCE))));

    private void save(Set<String> roles, AccessScope scope, boolean enabled) {
        store.save(IndexNames.USERS, "pat", new UserAccount("pat", "{noop}x", roles, scope, enabled, Instant.EPOCH));
    }

    @BeforeEach
    void logInWithTheRolesOfLoginTime() {
        save(Set.of(Roles.ADMIN), AccessScope.EVERYTHING, true);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("pat",
                null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void reads_the_account_once_per_ttl_then_sees_role_and_scope_changes() {
        assertThat(access.current().roles()).containsExactly(Roles.ADMIN);
        AccessScope acme = new AccessScope(Set.of("acme"), Set.of(), Set.of());
        save(Set.of(Roles.VIEWER), acme, true);

        // within the TTL the cached account answers, so a request costs no Elasticsearch read
        assertThat(access.current().roles()).containsExactly(Roles.ADMIN);
        clock.advance(Duration.ofSeconds(6));
        CurrentUser user = access.current();
        assertThat(user.roles()).containsExactly(Roles.VIEWER);
        assertThat(user.scope()).isEqualTo(acme);
        assertThat(user.piiVisible()).isFalse();
    }

    @Test
    void a_change_published_on_this_instance_applies_at_once() {
        access.current();
        save(Set.of(Roles.ANALYST), AccessScope.EVERYTHING, true);
        accounts.invalidate("pat");
        assertThat(access.current().roles()).containsExactly(Roles.ANALYST);
    }

    @Test
    void refuses_disabled_deleted_and_metrics_only_accounts_whatever_the_session_remembers() {
        access.current();
        save(Set.of(Roles.ADMIN), AccessScope.EVERYTHING, false);
        clock.advance(Duration.ofSeconds(6));
        assertThatThrownBy(access::current).isInstanceOf(AccessDeniedException.class).hasMessageContaining("disabled");

        save(Set.of(Roles.METRICS), AccessScope.EVERYTHING, true);
        accounts.invalidate("pat");
        assertThatThrownBy(access::current).isInstanceOf(AccessDeniedException.class);

        store.delete(IndexNames.USERS, "pat");
        accounts.invalidate("pat");
        assertThatThrownBy(access::current).isInstanceOf(AccessDeniedException.class).hasMessageContaining("Unknown");
    }

    @Test
    void refuses_anonymous_callers() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(access::current).isInstanceOf(AccessDeniedException.class);
        assertThat(Roles.usesTheApplication(List.of(Roles.METRICS))).isFalse();
        assertThat(Roles.usesTheApplication(List.of(Roles.METRICS, Roles.VIEWER))).isTrue();
    }
}
