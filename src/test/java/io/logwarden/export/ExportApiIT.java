package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
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
import java.util.Map;
import java.util.Set;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@LogwardenIntegrationTest
class ExportApiIT {

    static final Instant DAY = Instant.parse("2019-06-01T10:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    RestClient rest;
    @Autowired
    DocumentStore documents;
    @Autowired
    PasswordEncoder passwords;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void load() {
        TestEvents.load(rest, IndexNames.eventsIndex(DAY), List.of(
                Map.entry("api-1", TestEvents.event(DAY, "api-1", "org", "svc-api", "u1", "u1@example.com", "one")),
                Map.entry("api-2", TestEvents.event(DAY.plusSeconds(1), "api-2", "org", "svc-api", "u2",
                        "u2@example.com", "two"))));
        documents.save(IndexNames.USERS, "api-analyst", new UserAccount("api-analyst",
                passwords.encode("analyst-Secret-1"), Set.of(Roles.ANALYST), null, true, Instant.now()));
    }

    @Test
    void exports_downloads_and_verifies_over_http() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/exports", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD,
                """
                {"query":"service.name:svc-api","from":"2019-06-01T00:00:00Z","to":"2019-06-02T00:00:00Z",
                 "fields":["trace.id","message"],"format":"csv"}""");
        assertThat(created.statusCode()).isEqualTo(202);
        String id = json.readTree(created.body()).path("id").asString();

        await().atMost(Duration.ofMinutes(2)).until(() -> "COMPLETED".equals(status(id).path("state").asString()));
        JsonNode status = status(id);
        assertThat(status.path("rows").asLong()).isEqualTo(2);
        assertThat(status.path("percent").asInt()).isEqualTo(100);

        HttpResponse<String> file = send("GET", "/api/v1/exports/" + id + "/download", TestUsers.ADMIN,
                TestUsers.ADMIN_PASSWORD, null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains(id + ".csv");
        assertThat(file.body()).isEqualTo("trace.id,message\r\napi-1,one\r\napi-2,two\r\n");

        JsonNode verify = json.readTree(send("GET", "/api/v1/exports/" + id + "/verify", TestUsers.ADMIN,
                TestUsers.ADMIN_PASSWORD, null).body());
        assertThat(verify.path("valid").asBoolean()).isTrue();
        JsonNode manifest = json.readTree(send("GET", "/api/v1/exports/" + id + "/manifest", TestUsers.ADMIN,
                TestUsers.ADMIN_PASSWORD, null).body());
        assertThat(manifest.path("rowCount").asLong()).isEqualTo(2);
        assertThat(manifest.path("createdBy").asString()).isEqualTo(TestUsers.ADMIN);
        assertThat(manifest.path("signature").asString()).hasSize(64);
    }

    @Test
    void refuses_roles_without_export_permission_and_bad_requests() throws Exception {
        HttpResponse<String> analyst = send("POST", "/api/v1/exports", "api-analyst", "analyst-Secret-1",
                "{\"from\":\"now-1h\",\"to\":\"now\",\"fields\":[\"message\"],\"format\":\"CSV\"}");
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/exports", "api-analyst", "analyst-Secret-1", null).statusCode())
                .isEqualTo(403);

        HttpResponse<String> bad = send("POST", "/api/v1/exports", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD,
                "{\"from\":\"yesterday\",\"to\":\"now\",\"fields\":[\"message\"],\"format\":\"CSV\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("'from'");
        assertThat(send("GET", "/api/v1/exports/no-such-id", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD, null)
                .statusCode()).isEqualTo(404);
    }

    private JsonNode status(String id) throws IOException, InterruptedException {
        return json.readTree(send("GET", "/api/v1/exports/" + id, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD, null)
                .body());
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
