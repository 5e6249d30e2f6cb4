package io.logwarden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Hostile query strings against storage's scope helper, on real Elasticsearch. */
@LogwardenIntegrationTest
class ScopedSearchIT {

    static final Instant DAY = Instant.parse("2018-03-04T12:00:00Z");
    static final Instant FROM = Instant.parse("2018-03-04T00:00:00Z");
    static final Instant TO = Instant.parse("2018-03-05T00:00:00Z");
    static final String INDEX = IndexNames.EVENTS_ALIAS;
    static final List<String> ORGS = List.of("acme", "globex", "initech");
    static final List<String> SERVICES = List.of("web", "billing");
    static final List<String> CATEGORIES = List.of("authentication", "web", "iam");

    static final ScopeFilter ACME_WEB = ScopeFilter.of(Map.of("organization.id", Set.of("acme"),
            "service.name", Set.of("web")));

    @Autowired
    ScopedSearch search;

    @BeforeAll
    static void seed(@Autowired ElasticsearchClient client) throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(IndexNames.eventsIndex(DAY));
        int n = 0;
        for (String org : ORGS) {
            for (String service : SERVICES) {
                for (String category : CATEGORIES) {
                    String id = "scope-" + org + "-" + service + "-" + category;
                    Map<String, Object> event = event(n++, "secret payload of " + org);
                    event.put("organization", Map.of("id", org));
                    event.put("service", Map.of("name", service));
                    event.put("event", Map.of("category", category));
                    bulk.operations(o -> o.index(i -> i.id(id).document(event)));
                }
            }
        }
        // no tenant at all: outside every restricted scope
        Map<String, Object> orphan = event(n, "orphan secret payload");
        orphan.put("service", Map.of("name", "web"));
        bulk.operations(o -> o.index(i -> i.id("scope-orphan").document(orphan)));
        bulk.refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
        assertThat(client.bulk(bulk.build()).errors()).isFalse();
    }

    private static Map<String, Object> event(int n, String message) {
        Map<String, Object> event = new HashMap<>();
        event.put("@timestamp", DAY.plusSeconds(n).toString());
        event.put("message", message);
        return event;
    }

    static List<String> hostileQueries() {
        return io.logwarden.testsupport.HostileQueries.ALL;
    }

    @ParameterizedTest
    @MethodSource("hostileQueries")
    void hostile_query_never_returns_documents_outside_the_scope(String query) {
        ScopedSearch.Page page;
        try {
            page = search.search(INDEX, "@timestamp", query, FROM, TO, ACME_WEB, 1000);
        } catch (IllegalArgumentException rejected) {
            return; // refusing to parse is as safe as an empty result
        }
        assertThat(page.documents()).allSatisfy(doc -> {
            assertThat(doc.get("organization")).isEqualTo(Map.of("id", "acme"));
            assertThat(doc.get("service")).isEqualTo(Map.of("name", "web"));
        });
        assertThat(page.total()).isLessThanOrEqualTo(CATEGORIES.size());
    }

    @Test
    void match_all_returns_exactly_the_documents_in_scope() {
        ScopedSearch.Page page = search.search(INDEX, "@timestamp", "*:*", FROM, TO, ACME_WEB, 1000);
        assertThat(page.documents()).extracting(d -> d.get("_id")).containsExactlyInAnyOrder(
                "scope-acme-web-authentication", "scope-acme-web-web", "scope-acme-web-iam");
    }

    @Test
    void scope_of_several_tenants_and_categories_is_an_and_of_ors() {
        ScopeFilter scope = ScopeFilter.of(Map.of("organization.id", Set.of("acme", "initech"),
                "event.category", Set.of("iam")));
        ScopedSearch.Page page = search.search(INDEX, "@timestamp", "*:*", FROM, TO, scope,
                1000);
        assertThat(page.documents()).extracting(d -> d.get("_id")).containsExactlyInAnyOrder(
                "scope-acme-web-iam", "scope-acme-billing-iam", "scope-initech-web-iam", "scope-initech-billing-iam");
    }

    @Test
    void unrestricted_scope_sees_every_tenant_and_nothing_scope_sees_nothing() {
        long all = ORGS.size() * SERVICES.size() * CATEGORIES.size() + 1;
        assertThat(search.search(INDEX, "@timestamp", "", FROM, TO, ScopeFilter.UNRESTRICTED, 1000).total())
                .isEqualTo(all);
        assertThat(search.search(INDEX, "@timestamp", "*:*", FROM, TO, ScopeFilter.NOTHING, 1000).total())
                .isZero();
    }

    @Test
    void user_query_still_narrows_inside_the_scope() {
        ScopedSearch.Page page = search.search(INDEX, "@timestamp", "event.category:authentication", FROM, TO,
                ACME_WEB, 1000);
        assertThat(page.documents()).extracting(d -> d.get("_id")).containsExactly("scope-acme-web-authentication");
    }

    @Test
    void a_query_that_does_not_parse_is_a_clear_error() {
        assertThatThrownBy(() -> search.search(INDEX, "@timestamp", "message:(unbalanced", FROM, TO, ACME_WEB, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid query");
    }
}
