package io.logwarden.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.health.DomainMetrics;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestElasticsearch;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The search REST API against real Elasticsearch with 12,345 seeded events. */
@LogwardenIntegrationTest
class SearchApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RANGE = "&from=" + SearchTestData.START + "&to=" + SearchTestData.END;
    private static boolean usersCreated;

    @LocalServerPort
    int port;
    @Autowired
    DocumentStore store;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    MeterRegistry meters;
    HttpTestClient http;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        if (!usersCreated) {
            SearchTestData.seed();
            SearchTestData.user(store, encoder, "acme-analyst", Roles.ANALYST,
                    new AccessScope(Set.of("acme"), Set.of(), Set.of()));
            SearchTestData.user(store, encoder, "compliance", Roles.COMPLIANCE, AccessScope.EVERYTHING);
            usersCreated = true;
        }
    }

    @Test
    void pages_past_10000_hits_newest_first_without_gaps_or_repeats() throws Exception {
        List<String> ids = new ArrayList<>();
        List<Instant> timestamps = new ArrayList<>();
        String cursor = null;
        long total = -1;
        int pages = 0;
        do {
            JsonNode page = getOk("/api/v1/events?size=1000&fields=@timestamp,service.name" + RANGE
                    + (cursor == null ? "" : "&cursor=" + cursor));
            total = page.path("total").asLong();
            page.path("events").forEach(e -> {
                ids.add(e.path("_id").asText());
                timestamps.add(Instant.parse(e.path("@timestamp").asText()));
            });
            cursor = page.path("cursor").isNull() ? null : page.path("cursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(total).isEqualTo(SearchTestData.EVENTS);
        assertThat(ids).hasSize(SearchTestData.EVENTS);
        assertThat(new HashSet<>(ids)).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, SearchTestData.EVENTS).mapToObj(SearchTestData::id).toList());
        assertThat(timestamps).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(pages).isEqualTo(13);
    }

    @Test
    void pages_while_events_keep_arriving_without_gaps_or_repeats_within_the_point_in_time() throws Exception {
        Instant start = Instant.parse("2020-06-01T00:00:00Z");
        int events = 3_000;
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < events; i++) {
            // four events per millisecond-stamped second: ties at every page boundary
            bulk(bulk, "arrive-" + i, start.plusSeconds(i / 4), "arriving " + i);
        }
        index(bulk);
        String range = "&from=" + start + "&to=" + start.plusSeconds(events / 4 + 1);
        String q = "&q=" + encode("message:arriving");
        List<String> ids = new ArrayList<>();
        List<Instant> timestamps = new ArrayList<>();
        JsonNode page = getOk("/api/v1/events?size=500&fields=@timestamp" + q + range);
        collect(page, ids, timestamps);
        Instant boundary = timestamps.getLast();
        // arrive before the second page opens the point in time: older than the first page's end shows, newer not
        StringBuilder early = new StringBuilder();
        bulk(early, "arrive-early-older", start.plusSeconds(10), "arriving early older");
        bulk(early, "arrive-early-newer", boundary.plusMillis(500), "arriving early newer");
        index(early);
        int pages = 1;
        String cursor = page.path("cursor").asText();
        while (cursor != null) {
            page = getOk("/api/v1/events?size=500&fields=@timestamp" + q + range + "&cursor=" + cursor);
            collect(page, ids, timestamps);
            pages++;
            // arrive while the point in time is open, older and newer than where paging stands
            StringBuilder late = new StringBuilder();
            bulk(late, "arrive-late-" + pages + "-old", start.plusSeconds(1), "arriving late");
            bulk(late, "arrive-late-" + pages + "-new", start.plusSeconds(events / 4 - 1), "arriving late");
            index(late);
            assertThat(page.path("total").asLong()).isEqualTo(events);
            cursor = page.path("cursor").isNull() ? null : page.path("cursor").asText();
        }
        assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.startsWith("arrive-late-"))
                .contains("arrive-early-older").doesNotContain("arrive-early-newer")
                .containsAll(IntStream.range(0, events).mapToObj(i -> "arrive-" + i).toList())
                .hasSize(events + 1);
        assertThat(timestamps).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(pages).isEqualTo(7);
    }

    @Test
    void pages_through_more_events_of_one_millisecond_than_a_cursor_carries() throws Exception {
        Instant at = Instant.parse("2020-07-01T12:00:00.123Z");
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < 330; i++) {
            bulk(bulk, "same-ms-" + i, at, "same millisecond " + i);
        }
        index(bulk);
        String range = "&from=" + at + "&to=" + at.plusSeconds(1);
        for (int size : new int[] {50, 150}) {
            Set<String> ids = new HashSet<>();
            int read = 0;
            String cursor = null;
            do {
                JsonNode page = getOk("/api/v1/events?size=" + size + range + (cursor == null ? "" : "&cursor=" + cursor));
                for (JsonNode event : page.path("events")) {
                    ids.add(event.path("_id").asText());
                    read++;
                }
                cursor = page.path("cursor").isNull() ? null : page.path("cursor").asText();
            } while (cursor != null);
            assertThat(read).as("page size " + size).isEqualTo(330);
            assertThat(ids).hasSize(330);
        }
    }

    @Test
    void answers_410_for_a_cursor_whose_point_in_time_has_gone() throws Exception {
        JsonNode first = getOk("/api/v1/events?size=10" + RANGE);
        JsonNode second = getOk("/api/v1/events?size=10" + RANGE + "&cursor=" + first.path("cursor").asText());
        String cursor = second.path("cursor").asText();
        String pit = io.logwarden.search.internal.Cursor.decode(cursor).pitId();
        assertThat(pit).isNotBlank();
        HttpResponse<String> closed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(TestElasticsearch.url().resolve("/_pit"))
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(java.util.Map.of("id", pit))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        HttpResponse<String> gone = get("/api/v1/events?size=10" + RANGE + "&cursor=" + cursor);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(JSON.readTree(gone.body()).path("error").asText()).isEqualTo("cursor_expired");
    }

    @Test
    void records_the_latency_of_every_search() throws Exception {
        double before = searches();
        getOk("/api/v1/events?size=1" + RANGE);
        getOk("/api/v1/histogram?" + RANGE.substring(1));
        assertThat(searches()).isEqualTo(before + 2);
    }

    private double searches() {
        var timer = meters.find(DomainMetrics.SEARCH_LATENCY).tag("outcome", "success").timer();
        return timer == null ? 0 : timer.count();
    }

    private static void collect(JsonNode page, List<String> ids, List<Instant> timestamps) {
        page.path("events").forEach(e -> {
            ids.add(e.path("_id").asText());
            timestamps.add(Instant.parse(e.path("@timestamp").asText()));
        });
    }

    private static void bulk(StringBuilder bulk, String id, Instant at, String message) {
        bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(at)).append("\",\"_id\":\"")
                .append(id).append("\"}}\n{\"@timestamp\":\"").append(at).append("\",\"message\":\"")
                .append(message).append("\"}\n");
    }

    private static void index(StringBuilder bulk) {
        var response = new HttpTestClient(TestElasticsearch.url()).post("/_bulk?refresh=true",
                "application/x-ndjson", bulk.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\"errors\":true");
    }

    @Test
    void answers_total_events_and_cursor_with_the_requested_fields() throws Exception {
        JsonNode page = getOk("/api/v1/events?q=" + encode("log.level:error AND service.name:shop")
                + "&size=5&fields=log.level,service.name" + RANGE);
        long expected = IntStream.range(0, SearchTestData.EVENTS)
                .filter(i -> SearchTestData.level(i).equals("error") && SearchTestData.service(i).equals("shop"))
                .count();
        assertThat(page.path("total").asLong()).isEqualTo(expected);
        assertThat(page.path("events")).hasSize(5);
        JsonNode first = page.path("events").get(0);
        assertThat(first.path("log").path("level").asText()).isEqualTo("error");
        assertThat(first.has("message")).isFalse();
        assertThat(first.has("@timestamp")).isTrue();
        assertThat(page.path("cursor").asText()).isNotBlank();
        // the newest matching event of the data set
        int newest = IntStream.range(0, SearchTestData.EVENTS).filter(i -> SearchTestData.level(i).equals("error")
                && SearchTestData.service(i).equals("shop")).max().orElseThrow();
        assertThat(first.path("@timestamp").asText()).isEqualTo(SearchTestData.timestamp(newest).toString());
    }

    @Test
    void full_text_searches_the_message() throws Exception {
        JsonNode page = getOk("/api/v1/events?q=" + encode("\"payment failed\"") + "&size=1" + RANGE);
        assertThat(page.path("total").asLong()).isEqualTo((SearchTestData.EVENTS + 9) / 10);
        assertThat(page.path("events").get(0).path("message").asText()).startsWith("payment failed");
    }

    @Test
    void reads_one_event_by_id() throws Exception {
        JsonNode event = getOk("/api/v1/events/" + SearchTestData.id(42));
        assertThat(event.path("_id").asText()).isEqualTo(SearchTestData.id(42));
        assertThat(event.path("message").asText()).isEqualTo("order 42 shipped");
        HttpResponse<String> missing = http.get("/api/v1/events/no-such-id", TestUsers.ADMIN,
                TestUsers.ADMIN_PASSWORD);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void top_values_count_a_field_among_the_matches() throws Exception {
        JsonNode top = getOk("/api/v1/fields/service.name/top?q=" + encode("log.level:error") + RANGE);
        assertThat(top.path("field").asText()).isEqualTo("service.name");
        for (JsonNode value : top.path("values")) {
            String service = value.path("value").asText();
            long expected = IntStream.range(0, SearchTestData.EVENTS)
                    .filter(i -> SearchTestData.level(i).equals("error") && SearchTestData.service(i).equals(service))
                    .count();
            assertThat(value.path("count").asLong()).as(service).isEqualTo(expected);
        }
        assertThat(top.path("values")).hasSize(3);
        assertThat(top.path("matching").asLong()).isEqualTo(SearchTestData.EVENTS / 5);
        JsonNode labels = getOk("/api/v1/fields/labels.batch/top?" + RANGE.substring(1));
        assertThat(labels.path("values").get(0).path("count").asLong()).isBetween(6172L, 6173L);
    }

    @Test
    void histogram_counts_every_match() throws Exception {
        JsonNode histogram = getOk("/api/v1/histogram?q=" + encode("service.name:auth") + RANGE);
        assertThat(histogram.path("total").asLong()).isEqualTo(SearchTestData.EVENTS / 3);
        assertThat(histogram.path("buckets").size()).isBetween(10, 200);
    }

    @Test
    void answers_400_with_the_position_for_a_bad_query() throws Exception {
        HttpResponse<String> response = get("/api/v1/events?q=" + encode("log.level:error AND (shop"));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("bad_request");
        assertThat(body.path("message").asText()).contains("Missing ')' to close this '(' at position 21");
        assertThat(body.path("position").asInt()).as("1-based, as in the message").isEqualTo(21);
    }

    @Test
    void answers_400_for_bad_ranges_sizes_fields_and_cursors() {
        assertThat(get("/api/v1/events?from=yesterday").body()).contains("Cannot read 'from'");
        assertThat(get("/api/v1/events?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/events?size=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/events?size=many").body()).contains("Parameter 'size' has an invalid value");
        assertThat(get("/api/v1/events?fields=nope").body()).contains("Unknown field 'nope'");
        assertThat(get("/api/v1/events?cursor=garbage").body()).contains("The cursor is not valid");
        assertThat(get("/api/v1/events?q=*oops").body()).contains("Leading wildcards");
        assertThat(get("/api/v1/fields/message/top").body()).contains("is full text");
        assertThat(get("/api/v1/fields/nope/top").statusCode()).isEqualTo(400);
    }

    @Test
    void refuses_a_cursor_with_another_query() throws Exception {
        JsonNode page = getOk("/api/v1/events?size=10" + RANGE);
        HttpResponse<String> response = get("/api/v1/events?q=error&size=10&cursor=" + page.path("cursor").asText());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("different query");
    }

    @Test
    void requires_authentication() {
        assertThat(http.get("/api/v1/events").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/fields/service.name/top").statusCode()).isEqualTo(401);
    }

    @Test
    void applies_the_scope_of_the_caller_outside_the_query() throws Exception {
        long acme = IntStream.range(0, SearchTestData.EVENTS)
                .filter(i -> SearchTestData.organization(i).equals("acme")).count();
        JsonNode all = getOk("acme-analyst", "/api/v1/events?size=1" + RANGE);
        assertThat(all.path("total").asLong()).isEqualTo(acme);
        JsonNode widened = getOk("acme-analyst", "/api/v1/events?size=1&q="
                + encode("organization.id:globex OR *:*") + RANGE);
        assertThat(widened.path("total").asLong()).isEqualTo(acme);
        assertThat(getOk("acme-analyst", "/api/v1/events?size=1&q=" + encode("NOT organization.id:acme") + RANGE)
                .path("total").asLong()).isZero();
        assertThat(getOk("acme-analyst", "/api/v1/events?size=1&q=" + encode("organization.id:globex") + RANGE)
                .path("total").asLong()).isZero();
        JsonNode orgs = getOk("acme-analyst", "/api/v1/fields/organization.id/top?" + RANGE.substring(1));
        assertThat(orgs.path("values")).hasSize(1);
        assertThat(orgs.path("values").get(0).path("value").asText()).isEqualTo("acme");
        assertThat(http.get("/api/v1/events/" + SearchTestData.id(0), "acme-analyst", SearchTestData.PASSWORD)
                .statusCode()).isEqualTo(404);
        assertThat(getOk("acme-analyst", "/api/v1/events/" + SearchTestData.id(1)).path("_id").asText())
                .isEqualTo(SearchTestData.id(1));
    }

    @Test
    void masks_personal_data_for_roles_without_pii_access() throws Exception {
        JsonNode analyst = getOk("acme-analyst", "/api/v1/events/" + SearchTestData.id(1));
        assertThat(analyst.path("user").path("email").asText()).isEqualTo("u***@example.com");
        JsonNode compliance = getOk("compliance", "/api/v1/events/" + SearchTestData.id(1));
        assertThat(compliance.path("user").path("email").asText()).isEqualTo("user1@example.com");
    }

    @Test
    void masked_fields_stay_searchable_and_show_masked() throws Exception {
        // an analyst may find an event by a personal value, and sees the value masked (docs/decisions/052)
        JsonNode found = getOk("acme-analyst", "/api/v1/events?size=100&q=" + encode("user.email:user1@example.com")
                + RANGE);
        assertThat(found.path("total").asLong()).isPositive();
        found.path("events").forEach(e -> assertThat(e.path("user").path("email").asText())
                .isEqualTo("u***@example.com"));
        assertThat(found.toString()).doesNotContain("user1@example.com");
        JsonNode top = getOk("acme-analyst", "/api/v1/fields/user.email/top?" + RANGE.substring(1));
        assertThat(top.path("values")).isNotEmpty();
        top.path("values").forEach(v -> assertThat(v.path("value").asText()).isEqualTo("u***@example.com"));
        assertThat(top.toString()).doesNotContain("user1@").doesNotContain("user2@");
        JsonNode unmasked = getOk("compliance", "/api/v1/fields/user.email/top?" + RANGE.substring(1));
        assertThat(unmasked.toString()).contains("@example.com").containsPattern("user\\d@example.com");
    }

    @Test
    void serves_an_openapi_description_of_the_search_api() throws Exception {
        JsonNode openApi = getOk("/api/openapi");
        assertThat(openApi.path("paths").has("/api/v1/events")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/events/{id}")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/fields/{name}/top")).isTrue();
    }

    private HttpResponse<String> get(String path) {
        return http.get(path, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode getOk(String user, String path) throws Exception {
        HttpResponse<String> response = http.get(path, user, SearchTestData.PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
