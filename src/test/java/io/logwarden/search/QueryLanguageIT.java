package io.logwarden.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.search.internal.QueryCorpus;
import io.logwarden.search.internal.QueryParser;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestElasticsearch;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The parser's corpus against a real Elasticsearch: every query the parser accepts must be accepted by Elasticsearch's
 * query_string too (through the API, so also by our validation), and every query it refuses must be answered with our
 * message and position, never with Elasticsearch's rejection.
 */
@LogwardenIntegrationTest
class QueryLanguageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2020-09-01T12:00:00Z");
    private static final String RANGE = "&from=" + AT.minusSeconds(3600) + "&to=" + AT.plusSeconds(3600);
    private static boolean seeded;

    @LocalServerPort
    int port;
    @Autowired
    EventSearch events;
    HttpTestClient http;

    /** One event in the searched range, so the query really reaches a shard and gets parsed there. */
    @BeforeEach
    void seed() {
        http = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        if (seeded) {
            return;
        }
        String bulk = "{\"index\":{\"_index\":\"" + IndexNames.eventsIndex(AT) + "\",\"_id\":\"query-language-1\"}}\n"
                + "{\"@timestamp\":\"" + AT + "\",\"message\":\"order shipped with error\",\"log\":{\"level\":\"error\"},"
                + "\"service\":{\"name\":\"shop\"},\"event\":{\"duration\":2000},\"source\":{\"ip\":\"10.1.2.3\"},"
                + "\"trace\":{\"id\":\"t-1\"},\"user\":{\"email\":\"alice@example.com\"},"
                + "\"labels\":{\"tenant_tier\":\"gold\",\"customer\":\"acme\"}}\n";
        var response = new HttpTestClient(TestElasticsearch.url()).post("/_bulk?refresh=true", "application/x-ndjson",
                bulk);
        assertThat(response.body()).doesNotContain("\"errors\":true");
        seeded = true;
    }

    static Stream<String> valid() {
        return QueryCorpus.VALID.stream();
    }

    static Stream<QueryCorpus.Invalid> invalid() {
        // a NUL cannot travel in a URL; the unit test covers it
        return QueryCorpus.INVALID.stream().filter(i -> i.query().chars().noneMatch(Character::isISOControl));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void elasticsearch_accepts_every_query_the_parser_accepts(String query) throws Exception {
        HttpResponse<String> response = get("/api/v1/events?size=1&q=" + encode(query) + RANGE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("total").asLong()).isNotNegative();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refuses_every_invalid_query_with_our_message_before_elasticsearch(QueryCorpus.Invalid invalid)
            throws Exception {
        HttpResponse<String> response = get("/api/v1/events?size=1&q=" + encode(invalid.query()) + RANGE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("message").asText()).contains(invalid.message())
                .doesNotContain("Elasticsearch rejected");
        assertThat(body.path("position").asInt()).isEqualTo(invalid.position() + 1);
    }

    @Test
    void elasticsearch_accepts_leading_wildcards_and_regular_expressions_where_they_are_switched_on() {
        QueryParser permissive = new QueryParser(QueryCorpus.PERMISSIVE_LIMITS);
        for (String query : QueryCorpus.VALID_WHEN_PERMISSIVE) {
            String text = permissive.parse(query).text();
            EventQuery eventQuery = new EventQuery(text, List.of("message", "error.message"), AT.minusSeconds(3600),
                    AT.plusSeconds(3600), ScopeFilter.UNRESTRICTED, Map.of(), true);
            assertThatCode(() -> events.first(eventQuery, 1, true, List.of())).as(query).doesNotThrowAnyException();
        }
    }

    private HttpResponse<String> get(String path) {
        return http.get(path, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
