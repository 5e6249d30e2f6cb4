package io.logwarden.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.search.SearchProperties;
import io.logwarden.search.TimeRange;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.PiiMasker;
import io.logwarden.security.SecurityProperties;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchGuardTest {

    private static final SearchProperties PROPERTIES = new SearchProperties(List.of("message", "error.message"),
            "now-15m", 4096, 20, 256, false, false, 1000, Duration.ofMinutes(2), 60, Duration.ofSeconds(1), 100,
            Duration.ofSeconds(10), 20, 1000);
    private static final CurrentUser ANALYST = new CurrentUser("ana", Set.of("ANALYST"),
            new AccessScope(Set.of("acme"), Set.of("shop"), Set.of()), false);
    private static final CurrentUser COMPLIANCE = new CurrentUser("carl", Set.of("COMPLIANCE"),
            AccessScope.EVERYTHING, true);

    private final SearchGuard guard = new SearchGuard(PROPERTIES,
            new PiiMasker(new SecurityProperties(null, false, Set.of("ADMIN", "COMPLIANCE"))), null);

    @Test
    void masks_personal_data_for_roles_without_pii_access() {
        StoredEvent event = new StoredEvent("1", "idx", Instant.EPOCH, Map.of("message", "hi",
                "user", Map.of("email", "a@example.com", "name", "Alice", "id", "u-17"), "source", Map.of("ip", "10.0.0.1"),
                "service", Map.of("name", "shop")), List.of());
        var masked = guard.visible(ANALYST, event);
        assertThat(masked.field("user.email")).isEqualTo("a***@example.com");
        assertThat(masked.field("user.name")).isEqualTo("A***");
        assertThat(masked.field("user.id")).isEqualTo("***");
        assertThat(masked.field("source.ip")).isEqualTo("10.0.x.x");
        assertThat(masked.field("service.name")).isEqualTo("shop");
        assertThat(guard.visible(COMPLIANCE, event).field("user.email")).isEqualTo("a@example.com");
    }

    @Test
    void lets_every_role_search_and_filter_by_personal_fields_whose_values_stay_masked() {
        assertThat(guard.parse(ANALYST, "user.email:a@example.com").fields()).containsExactly("user.email");
        assertThat(guard.parse(ANALYST, "_exists_:source.ip").fields()).containsExactly("source.ip");
        assertThat(guard.parse(ANALYST, "user.\\*:alice").fields()).containsExactly("user.*");
        TimeRange range = new TimeRange(Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
        EventQuery filtered = guard.query(ANALYST, guard.parse(ANALYST, ""), range, Map.of("user.id", "7"));
        assertThat(filtered.exactFilters()).containsEntry("user.id", "7");
        assertThat(guard.mayRead(ANALYST, "user.email")).isFalse();
        assertThat(guard.mayRead(COMPLIANCE, "user.email")).isTrue();
        assertThat(guard.visibleValue(ANALYST, "user.email", "alice@example.com")).isEqualTo("a***@example.com");
        assertThat(guard.visibleValue(ANALYST, "service.name", "shop")).isEqualTo("shop");
        assertThat(guard.visibleValue(COMPLIANCE, "user.email", "alice@example.com")).isEqualTo("alice@example.com");
    }

    @Test
    void always_carries_the_callers_scope_and_the_range() {
        TimeRange range = new TimeRange(Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
        EventQuery query = guard.query(ANALYST, guard.parse(ANALYST, "organization.id:globex OR *:*"), range,
                Map.of());
        assertThat(query.scope().allowedValues()).isEqualTo(Map.of("organization.id", Set.of("acme"),
                "service.name", Set.of("shop")));
        assertThat(query.from()).isEqualTo(range.from());
        assertThat(query.to()).isEqualTo(range.to());
        assertThat(query.leadingWildcards()).isFalse();
        assertThat(query.defaultFields()).containsExactly("message", "error.message");
    }
}
