package io.logwarden.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.security.Roles;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit events shipped through the real HTTP ingest land in their own daily family, with its own retention, and are
 * still found through the {@code logwarden-events} alias with the application logs.
 */
@LogwardenIntegrationTest
class AuditEventRoutingIT {

    @LocalServerPort
    int port;
    @Autowired
    RestClient rest;
    @Autowired
    RetentionService retention;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void events_with_audit_fields_or_category_go_to_the_audit_event_family_behind_the_events_alias()
            throws Exception {
        Instant now = Instant.now();
        String key = json.readTree(post("/api/v1/admin/api-keys", "application/json", "{\"name\":\"routing\"}",
                "Basic " + Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).body()).path("key").asString();
        String ndjson = String.join("\n",
                "{\"@timestamp\":\"" + now + "\",\"message\":\"cart updated\",\"trace.id\":\"route-app\"}",
                "{\"@timestamp\":\"" + now + "\",\"message\":\"invoice paid\",\"trace.id\":\"route-audit\","
                        + "\"audit.status\":\"success\",\"audit.entity.type\":\"invoice\",\"audit.entity.id\":\"42\"}",
                "{\"@timestamp\":\"" + now + "\",\"message\":\"role granted\",\"trace.id\":\"route-category\","
                        + "\"event.category\":\"audit\"}",
                "{\"@timestamp\":\"" + now + "\",\"message\":\"label only\",\"trace.id\":\"route-label\","
                        + "\"audit_note\":\"not an audit field\"}") + "\n";
        HttpResponse<String> ingested = post("/api/v1/ingest", "application/x-ndjson", ndjson, "ApiKey " + key);
        assertThat(ingested.body()).contains("\"accepted\":4");

        String auditIndex = IndexNames.daily(IndexNames.AUDIT_EVENTS, now);
        String applicationIndex = IndexNames.eventsIndex(now);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> count(IndexNames.EVENTS_ALIAS, "trace.id:route-*") == 4);

        assertThat(count(auditIndex, "trace.id:(route-audit OR route-category)")).isEqualTo(2);
        assertThat(count(auditIndex, "trace.id:(route-app OR route-label)")).isZero();
        assertThat(count(applicationIndex, "trace.id:(route-app OR route-label)")).isEqualTo(2);
        assertThat(count(applicationIndex, "trace.id:(route-audit OR route-category)")).isZero();

        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN))));
        RetentionDecision audit = retention.preview().decisions().stream()
                .filter(d -> d.index().equals(auditIndex)).findFirst().orElseThrow();
        assertThat(audit.category()).isEqualTo(RetentionCategory.AUDIT_EVENTS);
        assertThat(audit.reason()).isEqualTo("within 365 days");
        assertThat(retention.preview().decisions()).filteredOn(d -> d.index().equals(applicationIndex))
                .singleElement().extracting(RetentionDecision::category).isEqualTo(RetentionCategory.APPLICATION);
    }

    private long count(String index, String query) throws IOException {
        rest.performRequest(new Request("POST", "/" + index + "/_refresh"));
        Request request = new Request("POST", "/" + index + "/_count");
        request.addParameter("ignore_unavailable", "true");
        request.setEntity(new NStringEntity("{\"query\":{\"query_string\":{\"query\":" + json.writeValueAsString(query)
                + "}}}", ContentType.APPLICATION_JSON));
        return json.readTree(rest.performRequest(request).getEntity().getContent()).path("count").asLong();
    }

    private HttpResponse<String> post(String path, String type, String body, String authorization)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
