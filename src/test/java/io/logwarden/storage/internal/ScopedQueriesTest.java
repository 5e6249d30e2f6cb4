package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.ScopeFilter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopedQueriesTest {

    private static final Query USER_QUERY = Query.of(q -> q.queryString(s -> s.query("x OR *:*")));

    @Test
    void puts_the_user_query_in_must_and_each_restriction_in_filter() {
        Query wrapped = ScopedQueries.wrap(USER_QUERY, ScopeFilter.of(Map.of(
                "service.name", Set.of("web"), "organization.id", Set.of("b", "a"))));

        assertThat(wrapped.isBool()).isTrue();
        assertThat(wrapped.bool().must()).containsExactly(USER_QUERY);
        assertThat(wrapped.bool().should()).isEmpty();
        assertThat(wrapped.bool().filter()).hasSize(2).allSatisfy(f -> assertThat(f.isTerms()).isTrue());
        assertThat(wrapped.bool().filter().getFirst().terms().field()).isEqualTo("organization.id");
        assertThat(wrapped.bool().filter().getFirst().terms().terms().value())
                .extracting(v -> v.stringValue()).containsExactly("a", "b");
    }

    @Test
    void unrestricted_scope_still_wraps_and_nothing_scope_matches_nothing() {
        assertThat(ScopedQueries.wrap(USER_QUERY, ScopeFilter.UNRESTRICTED).bool().must()).containsExactly(USER_QUERY);
        assertThat(ScopedQueries.wrap(USER_QUERY, ScopeFilter.NOTHING).isMatchNone()).isTrue();
        assertThat(ScopedQueries.wrap(null, ScopeFilter.UNRESTRICTED).bool().must().getFirst().isMatchAll()).isTrue();
    }

    @Test
    void refuses_a_missing_scope() {
        assertThatThrownBy(() -> ScopedQueries.wrap(USER_QUERY, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ScopeFilter.UNRESTRICTED");
    }
}
