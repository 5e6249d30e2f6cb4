package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.analytics.AnalyticsService;
import io.logwarden.analytics.Breakdown;
import io.logwarden.search.EntityRef;
import io.logwarden.search.ExploreService;
import io.logwarden.search.FoundEvent;
import io.logwarden.search.Surroundings;
import io.logwarden.search.TimeRange;
import io.logwarden.search.TimelineEntry;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScanQuery;
import io.logwarden.storage.ScannedEvent;
import io.logwarden.testsupport.HostileQueries;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestElasticsearch;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The hostile-query corpus ({@link HostileQueries}) against every path an event query of a user takes: REST search,
 * histogram and top values, events by id, entity timelines, surroundings, the export scanner and the chart queries.
 * The user is a VIEWER scoped to tenant acme and service web; every tenant shares one host and the trace and entity
 * ids are per tenant, so a path that forgot the scope would show other tenants' events.
 */
@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileQueryIT {

    static final Instant DAY = Instant.parse("2016-05-06T12:00:00Z");
    static final Instant FROM = Instant.parse("2016-05-06T00:00:00Z");
    static final Instant TO = Instant.parse("2016-05-07T00:00:00Z");
    static final String RANGE = "&from=" + FROM + "&to=" + TO;
    static final String USER = "hostile-viewer";
    static final String PASSWORD = "hostile-viewer-Secret-1";
    static final List<String> ORGS = List.of("acme", "globex", "initech");
    static final List<String> SERVICES = List.of("web", "billing");
    static final List<String> CATEGORIES = List.of("authentication", "web", "iam");
    static final List<String> QUERIES = HostileQueries.ALL;
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ExploreService explore;
    @Autowired
    AnalyticsService analytics;
    @Autowired
    EventScanner scanner;
    @Autowired
    AccessService access;

    private HttpTestClient http;
    private final List<String> ids = new ArrayList<>();

    @BeforeAll
    void seed(@Autowired DocumentStore store, @Autowired PasswordEncoder encoder) {
        store.save(IndexNames.USERS, USER, new UserAccount(USER, encoder.encode(PASSWORD), Set.of(Roles.VIEWER),
                new AccessScope(Set.of("acme"), Set.of("web"), Set.of()), true, Instant.now()));
        StringBuilder bulk = new StringBuilder();
        int n = 0;
        for (String org : ORGS) {
            for (String service : SERVICES) {
                for (String category : CATEGORIES) {
                    String id = "scope-" + org + "-" + service + "-" + category;
                    ids.add(id);
                    bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(DAY)).append("\",\"_id\":\"")
                            .append(id).append("\"}}\n").append("""
                            {"@timestamp":"%s","message":"secret payload of %s","organization":{"id":"%s"},\
                            "service":{"name":"%s"},"event":{"category":"%s"},"host":{"name":"shared-host"},\
                            "trace":{"id":"trace-%s"},"user":{"id":"u-%s","email":"boss@%s.example"},\
                            "audit":{"entity":{"type":"order","id":"order-%s"}}}
                            """.formatted(DAY.plusSeconds(n++), org, org, service, category, org, org, org, org));
                }
            }
        }
        ids.add("scope-orphan");
        bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(DAY))
                .append("\",\"_id\":\"scope-orphan\"}}\n").append("{\"@timestamp\":\"").append(DAY.plusSeconds(n))
                .append("\",\"message\":\"orphan secret payload\",\"service\":{\"name\":\"web\"},")
                .append("\"host\":{\"name\":\"shared-host\"},\"trace\":{\"id\":\"trace-acme\"}}\n");
        HttpResponse<String> response = new HttpTestClient(TestElasticsearch.url())
                .post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.body()).startsWith("{\"errors\":false");
    }

    @BeforeEach
    void logIn() {
        http = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(USER,
                null, AuthorityUtils.createAuthorityList("ROLE_" + Roles.VIEWER)));
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    private static void assertInScope(Map<String, Object> source, String where) {
        assertThat(source.get("organization")).as(where).isEqualTo(Map.of("id", "acme"));
        assertThat(source.get("service")).as(where).isEqualTo(Map.of("name", "web"));
    }

    private static void assertInScope(JsonNode event, String where) {
        assertThat(event.path("organization").path("id").asText()).as(where).isEqualTo("acme");
        assertThat(event.path("service").path("name").asText()).as(where).isEqualTo("web");
    }

    private HttpResponse<String> get(String path) {
        return http.get(path, USER, PASSWORD);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @FieldSource("QUERIES")
    void rest_search_stays_in_scope(String query) {
        HttpResponse<String> response = get("/api/v1/events?size=1000&q=" + encode(query) + RANGE);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
        if (response.statusCode() == 200) {
            JsonNode page = JSON.readTree(response.body());
            page.path("events").forEach(e -> assertInScope(e, query));
            assertThat(page.path("total").asLong()).as(query).isLessThanOrEqualTo(CATEGORIES.size());
            assertThat(response.body()).doesNotContain("globex").doesNotContain("initech").doesNotContain("orphan");
        }
    }

    @ParameterizedTest
    @FieldSource("QUERIES")
    void rest_histogram_counts_only_the_scope(String query) {
        HttpResponse<String> response = get("/api/v1/events/histogram?q=" + encode(query) + RANGE);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
        if (response.statusCode() == 200) {
            assertThat(JSON.readTree(response.body()).path("total").asLong()).as(query)
                    .isLessThanOrEqualTo(CATEGORIES.size());
        }
    }

    @ParameterizedTest
    @FieldSource("QUERIES")
    void rest_top_values_show_only_the_scope(String query) {
        for (String field : List.of("organization.id", "service.name", "trace.id")) {
            HttpResponse<String> response = get("/api/v1/fields/" + field + "/top?q=" + encode(query) + RANGE);
            assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
            if (response.statusCode() == 200) {
                JsonNode top = JSON.readTree(response.body());
                top.path("values").forEach(v -> assertThat(v.path("value").asText()).as(query + " " + field)
                        .isIn("acme", "web", "trace-acme"));
                assertThat(top.path("matching").asLong()).isLessThanOrEqualTo(CATEGORIES.size());
            }
        }
    }

    @Test
    void rest_by_id_finds_only_events_in_scope_whatever_the_id() {
        for (String id : ids) {
            int expected = id.startsWith("scope-acme-web-") ? 200 : 404;
            assertThat(get("/api/v1/events/" + id).statusCode()).as(id).isEqualTo(expected);
        }
        for (String query : QUERIES) {
            HttpResponse<String> response = get("/api/v1/events/" + encode(query).replace("+", "%20"));
            assertThat(response.statusCode()).as(query).isIn(400, 404);
        }
    }

    @ParameterizedTest
    @FieldSource("QUERIES")
    void timelines_stay_in_scope_whatever_the_entity_id(String query) {
        TimeRange range = new TimeRange(FROM, TO);
        for (EntityRef ref : List.of(new EntityRef(EntityRef.Kind.TRACE, null, query),
                new EntityRef(EntityRef.Kind.ENTITY, "order", query), new EntityRef(EntityRef.Kind.USER, null, query))) {
            for (TimelineEntry entry : explore.timeline(ref, range).entries()) {
                assertInScope(entry.event().fields(), query);
            }
        }
    }

    @Test
    void timelines_of_other_tenants_entities_are_empty_and_own_ones_scoped() {
        TimeRange range = new TimeRange(FROM, TO);
        for (String org : List.of("globex", "initech")) {
            assertThat(explore.timeline(new EntityRef(EntityRef.Kind.TRACE, null, "trace-" + org), range).entries())
                    .isEmpty();
            assertThat(explore.timeline(new EntityRef(EntityRef.Kind.ENTITY, "order", "order-" + org), range)
                    .entries()).isEmpty();
        }
        List<TimelineEntry> own = explore.timeline(new EntityRef(EntityRef.Kind.TRACE, null, "trace-acme"), range)
                .entries();
        assertThat(own).hasSize(CATEGORIES.size()); // the tenant-less orphan on the same trace stays outside
        own.forEach(e -> assertInScope(e.event().fields(), "trace-acme"));
    }

    @Test
    void surroundings_on_a_shared_host_show_only_the_scope() {
        for (String id : ids) {
            java.util.Optional<Surroundings> around = explore.surroundings(id, 50);
            assertThat(around.isPresent()).as(id).isEqualTo(id.startsWith("scope-acme-web-"));
            around.ifPresent(s -> {
                List<FoundEvent> all = new ArrayList<>(s.before());
                all.addAll(s.after());
                all.add(s.anchor());
                all.forEach(e -> assertInScope(e.fields(), id));
                assertThat(all).hasSize(CATEGORIES.size());
            });
        }
    }

    @ParameterizedTest
    @FieldSource("QUERIES")
    void export_scanner_reads_only_the_scope(String query) {
        CurrentUser user = access.current();
        ScanQuery scan = new ScanQuery(List.of(IndexNames.EVENTS_ALIAS), query, List.of("message", "error.message"),
                false, FROM, TO, null, List.of());
        ScanCursor cursor = scanner.open(scan, Duration.ofMinutes(1));
        try {
            ScanPage page = scanner.next(scan, user.scope().toFilter(), cursor, 1000, Duration.ofMinutes(1));
            for (ScannedEvent event : page.events()) {
                assertInScope(event.source(), query);
            }
            assertThat(page.events().size()).isLessThanOrEqualTo(CATEGORIES.size());
        } catch (io.logwarden.storage.QueryRejectedException rejected) {
            // refusing the query is as safe as an empty result
        } finally {
            scanner.close(cursor);
        }
    }

    @ParameterizedTest
    @FieldSource("QUERIES")
    void chart_queries_count_only_the_scope(String query) {
        io.logwarden.analytics.TimeRange range = new io.logwarden.analytics.TimeRange(FROM, TO, query);
        Breakdown tenants;
        try {
            tenants = analytics.top(range, "organization.id", "tenants", 10);
        } catch (RuntimeException rejected) {
            return; // a query Elasticsearch refuses is reported, not widened
        }
        tenants.entries().forEach(e -> assertThat(e.key()).as(query).isEqualTo("acme"));
        long total = tenants.entries().stream().mapToLong(Breakdown.Entry::count).sum() + tenants.missing()
                + tenants.others();
        assertThat(total).as(query).isLessThanOrEqualTo(CATEGORIES.size());
        assertThat(analytics.count(range)).as(query).isLessThanOrEqualTo(CATEGORIES.size());
        analytics.top(range, "service.name", "services", 10).entries()
                .forEach(e -> assertThat(e.key()).as(query).isEqualTo("web"));
    }
}
