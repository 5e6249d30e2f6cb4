package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.analytics.AnalyticsService;
import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.TopField;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestElasticsearch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * The role table of issue 4, role by role, through the REST API and the chart service: what each role may do
 * (search, charts, exports, audit trail, users, alert rules), what part of the data it sees, and whether personal
 * data is masked. Every role but ADMIN is scoped to tenant acme.
 */
@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT {

    static final Instant DAY = Instant.parse("2016-07-08T12:00:00Z");
    static final String RANGE = "&from=2016-07-08T00:00:00Z&to=2016-07-09T00:00:00Z";
    static final String PASSWORD = "role-matrix-Secret-1";
    static final int ACME = 4;
    static final int GLOBEX = 2;
    static final List<String> ROLES = Roles.ACCOUNT_ROLES;
    static final Set<String> PII_ROLES = Set.of(Roles.ADMIN, Roles.COMPLIANCE);
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    AnalyticsService analytics;

    private final HttpClient http = HttpClient.newHttpClient();

    static String user(String role) {
        return "matrix-" + role.toLowerCase();
    }

    @BeforeAll
    void seed(@Autowired DocumentStore store, @Autowired PasswordEncoder encoder) {
        for (String role : ROLES) {
            AccessScope scope = role.equals(Roles.ADMIN) ? AccessScope.EVERYTHING
                    : new AccessScope(Set.of("acme"), Set.of(), Set.of());
            store.save(IndexNames.USERS, user(role), new UserAccount(user(role), encoder.encode(PASSWORD),
                    Set.of(role), scope, true, Instant.now()));
        }
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < ACME + GLOBEX; i++) {
            String org = i < ACME ? "acme" : "globex";
            bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(DAY)).append("\",\"_id\":\"matrix-")
                    .append(i).append("\"}}\n").append("""
                    {"@timestamp":"%s","message":"matrix event %d","organization":{"id":"%s"},\
                    "service":{"name":"svc-%s"},"log":{"level":"info"},\
                    "user":{"name":"person%d","email":"person%d@%s.example"},"source":{"ip":"192.168.%d.7"}}
                    """.formatted(DAY.plusSeconds(i), i, org, org, i, i, org, i));
        }
        HttpResponse<String> response = new HttpTestClient(TestElasticsearch.url())
                .post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.body()).startsWith("{\"errors\":false");
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    private HttpResponse<String> call(String role, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user(role) + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void search_shows_the_scope_of_the_role_masked_unless_it_sees_pii(String role) {
        HttpResponse<String> response = call(role, "GET", "/api/v1/events?size=100&q=" + "message:matrix" + RANGE,
                null);
        if (role.equals(Roles.METRICS)) {
            assertThat(response.statusCode()).isEqualTo(403);
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.path("total").asLong()).isEqualTo(role.equals(Roles.ADMIN) ? ACME + GLOBEX : ACME);
        for (JsonNode event : page.path("events")) {
            String email = event.path("user").path("email").asText();
            String ip = event.path("source").path("ip").asText();
            if (PII_ROLES.contains(role)) {
                assertThat(email).matches("person\\d@\\w+\\.example");
                assertThat(ip).matches("192\\.168\\.\\d\\.7");
            } else {
                assertThat(email).matches("p\\*\\*\\*@\\w+\\.example");
                assertThat(ip).isEqualTo("192.168.x.x");
                assertThat(event.path("user").path("name").asText()).isEqualTo("p***");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void charts_count_the_scope_of_the_role_and_pseudonymise_people(String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user(role), null, AuthorityUtils.createAuthorityList("ROLE_" + role)));
        io.logwarden.analytics.TimeRange range = new io.logwarden.analytics.TimeRange(
                Instant.parse("2016-07-08T00:00:00Z"), Instant.parse("2016-07-09T00:00:00Z"), "message:matrix");
        if (role.equals(Roles.METRICS)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> analytics.top(range, TopField.USERS, 10))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            return;
        }
        Map<String, Long> tenants = analytics.top(range, "organization.id", "Tenants", 10).entries().stream()
                .collect(Collectors.toMap(Breakdown.Entry::key, Breakdown.Entry::count));
        assertThat(tenants).isEqualTo(role.equals(Roles.ADMIN) ? Map.of("acme", (long) ACME, "globex", (long) GLOBEX)
                : Map.of("acme", (long) ACME));
        List<String> people = analytics.top(range, TopField.USERS, 10).entries().stream().map(Breakdown.Entry::key)
                .toList();
        assertThat(people).hasSize(role.equals(Roles.ADMIN) ? ACME + GLOBEX : ACME);
        if (PII_ROLES.contains(role)) {
            assertThat(people).allMatch(p -> p.startsWith("person"));
        } else {
            assertThat(people).noneMatch(p -> p.startsWith("person"));
        }
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void exports_are_for_admins_and_compliance(String role) {
        HttpResponse<String> response = call(role, "POST", "/api/v1/exports",
                "{\"query\":\"message:matrix\",\"from\":\"2016-07-08T00:00:00Z\",\"to\":\"2016-07-09T00:00:00Z\","
                        + "\"fields\":[\"message\"],\"format\":\"CSV\"}");
        if (PII_ROLES.contains(role)) {
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void audit_trail_is_for_admins_and_compliance_and_users_for_admins(String role) {
        assertThat(call(role, "GET", "/api/v1/audit?q=*", null).statusCode())
                .isEqualTo(PII_ROLES.contains(role) ? 200 : 403);
        assertThat(call(role, "GET", "/api/v1/users", null).statusCode())
                .isEqualTo(role.equals(Roles.ADMIN) ? 200 : 403);
        assertThat(call(role, "GET", "/api/v1/admin/api-keys", null).statusCode())
                .isEqualTo(role.equals(Roles.ADMIN) ? 200 : 403);
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void alert_rules_are_read_by_every_user_role_and_changed_by_admins_and_operations(String role) {
        assertThat(call(role, "GET", "/api/v1/alerts/rules", null).statusCode())
                .isEqualTo(role.equals(Roles.METRICS) ? 403 : 200);
        HttpResponse<String> create = call(role, "POST", "/api/v1/alerts/rules", """
                {"name":"matrix %s","enabled":false,"kind":"HEALTH","severity":"LOW","query":"ingest",
                 "window":"PT5M","schedule":"PT1M","threshold":0,"messageTemplate":"{{status}}","channels":[]}"""
                .formatted(role));
        if (role.equals(Roles.ADMIN) || role.equals(Roles.OPERATIONS)) {
            assertThat(create.statusCode()).as(create.body()).isNotEqualTo(403).isLessThan(500);
        } else {
            assertThat(create.statusCode()).as(role + " " + create.body()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void only_metrics_and_admins_scrape_prometheus(String role) {
        assertThat(call(role, "GET", "/actuator/prometheus", null).statusCode())
                .isEqualTo(Roles.METRICS_READERS.contains(role) ? 200 : 403);
    }
}
