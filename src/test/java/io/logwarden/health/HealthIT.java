package io.logwarden.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@LogwardenIntegrationTest
class HealthIT {

    @LocalServerPort
    int port;
    @Autowired
    HealthService health;

    private HttpTestClient http() {
        return new HttpTestClient(URI.create("http://localhost:" + port));
    }

    @Test
    void admin_sees_the_four_components_with_their_figures() {
        var response = http().get("/actuator/health", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"elasticsearch\"", "\"queryTimeMs\"", "\"ingest\"",
                "\"journalLag\"", "\"errorRate\"", "\"errorPercent\"", "\"activity\"", "\"eventsPerMinute\"");
    }

    @Test
    void anonymous_callers_get_the_status_without_details() {
        var response = http().get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\"").doesNotContain("queryTimeMs", "errorRate");
    }

    @Test
    void ingest_reports_the_journal_lag_and_the_last_line_received_from_the_ingest_service() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/admin/api-keys")).header("Authorization", basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"health-it\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String key = new ObjectMapper().readTree(created.body()).get("key").asText();
        Instant before = Instant.now().minusMillis(1);
        HttpResponse<String> ingested = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/ingest")).header("Authorization", "ApiKey " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"health probe\"}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ingested.statusCode()).isEqualTo(200);

        ComponentHealth ingest = health.ingest();

        assertThat(ingest.details().get("source")).isEqualTo("ingest service");
        assertThat(ingest.details().get("journalLag")).isInstanceOf(Long.class);
        assertThat((Long) ingest.details().get("journalLag")).isGreaterThanOrEqualTo(0);
        assertThat(Instant.parse((String) ingest.details().get("lastEventReceived"))).isAfter(before);
        assertThat((Long) ingest.details().get("secondsSinceLastEvent")).isLessThan(60);
        assertThat(ingest.level()).isEqualTo(HealthLevel.HEALTHY);
        var response = http().get("/actuator/health", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(response.body()).contains("\"source\":\"ingest service\"").doesNotContain("\"journalLag\":\"unknown\"");
    }
}
