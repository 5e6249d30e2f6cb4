package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.analytics.CustomDashboardService;
import io.logwarden.analytics.DashboardDefinition;
import io.logwarden.analytics.Widget;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
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
    static final String RANGE = "\"from\":\"2019-06-01T00:00:00Z\",\"to\":\"2019-06-02T00:00:00Z\"";

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
        documents.save(IndexNames.USERS, "api-officer", new UserAccount("api-officer",
                passwords.encode("officer-Secret-1"), Set.of(Roles.COMPLIANCE), null, true, Instant.now()));
    }

    @Test
    void exports_downloads_and_verifies_over_http() throws Exception {
        String id = submit("{\"query\":\"service.name:svc-api\"," + RANGE + ",\"fields\":[\"trace.id\",\"message\"],"
                + "\"format\":\"csv\"}");
        JsonNode status = awaitCompleted(id);
        assertThat(status.path("rows").asLong()).isEqualTo(2);
        assertThat(status.path("percent").asInt()).isEqualTo(100);

        HttpResponse<String> file = admin("GET", "/api/v1/exports/" + id + "/download", null, null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains(id + ".csv");
        assertThat(file.body()).isEqualTo("trace.id,message\r\napi-1,one\r\napi-2,two\r\n");

        assertThat(json.readTree(admin("GET", "/api/v1/exports/" + id + "/verify", null, null).body())
                .path("valid").asBoolean()).isTrue();
        JsonNode manifest = json.readTree(admin("GET", "/api/v1/exports/" + id + "/manifest", null, null).body());
        assertThat(manifest.path("rowCount").asLong()).isEqualTo(2);
        assertThat(manifest.path("createdBy").asString()).isEqualTo(TestUsers.ADMIN);
        assertThat(manifest.path("queryFields").toString()).isEqualTo("[\"message\",\"error.message\"]");
        assertThat(manifest.path("signature").asString()).hasSize(64);

        JsonNode list = json.readTree(admin("GET", "/api/v1/exports?size=5", null, null).body());
        assertThat(list.path("total").asLong()).isPositive();
        assertThat(list.path("jobs").get(0).path("createdAt").asString())
                .isGreaterThanOrEqualTo(list.path("jobs").get(list.path("jobs").size() - 1).path("createdAt")
                        .asString());
    }

    @Test
    void verifies_a_downloaded_copy_uploaded_as_the_body_or_by_its_sha256() throws Exception {
        String id = submit("{\"query\":\"\"," + RANGE + ",\"fields\":[\"trace.id\"],\"format\":\"NDJSON\","
                + "\"gzip\":true}");
        awaitCompleted(id);
        HttpResponse<byte[]> download = http.send(request("GET", "/api/v1/exports/" + id + "/download",
                TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/gzip");
        byte[] copy = download.body();
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(copy)).readAllBytes(),
                StandardCharsets.UTF_8)).contains("\"trace.id\":\"api-1\"");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(copy));

        JsonNode uploaded = json.readTree(http.send(request("POST", "/api/v1/exports/" + id + "/verify",
                TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(copy)).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(uploaded.path("valid").asBoolean()).isTrue();
        assertThat(uploaded.path("checked").asString()).isEqualTo("uploaded file");
        assertThat(uploaded.path("actualSha256").asString()).isEqualTo(sha256);

        copy[copy.length / 2] ^= 0x01;
        JsonNode tampered = json.readTree(http.send(request("POST", "/api/v1/exports/" + id + "/verify",
                TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(copy)).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(tampered.path("valid").asBoolean()).isFalse();

        JsonNode byHash = json.readTree(admin("POST", "/api/v1/exports/" + id + "/verify",
                "{\"sha256\":\"" + sha256.toUpperCase() + "\"}", "application/json").body());
        assertThat(byHash.path("valid").asBoolean()).isTrue();
        assertThat(admin("POST", "/api/v1/exports/" + id + "/verify", "{\"sha256\":\"xyz\"}", "application/json")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void a_bad_query_answers_400_with_the_position_at_submission() throws Exception {
        HttpResponse<String> bad = admin("POST", "/api/v1/exports", "{\"query\":\"message:(unclosed\"," + RANGE
                + ",\"fields\":[\"message\"],\"format\":\"CSV\"}", "application/json");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).has("position")).isTrue();
    }

    @Test
    void exports_a_dashboard_widgets_aggregated_data_as_a_signed_audited_job() throws Exception {
        String dashboard = "export-api-dashboard";
        documents.save(CustomDashboardService.INDEX, dashboard, new DashboardDefinition(dashboard, "Export API",
                TestUsers.ADMIN, Set.of(), List.of(
                new Widget("Events", Widget.Type.SINGLE_NUMBER, "service.name:svc-api", null),
                new Widget("By service", Widget.Type.BAR_BREAKDOWN, "service.name:svc-api", "service.name")),
                Instant.now()));

        String id = submit("widget", "{\"dashboardId\":\"" + dashboard + "\",\"widget\":1," + RANGE
                + ",\"format\":\"CSV\"}");
        JsonNode status = awaitCompleted(id);

        assertThat(status.path("purpose").asString()).isEqualTo("widget");
        assertThat(admin("GET", "/api/v1/exports/" + id + "/download", null, null).body())
                .isEqualTo("service.name,count\r\nsvc-api,2\r\n");
        JsonNode manifest = json.readTree(admin("GET", "/api/v1/exports/" + id + "/manifest", null, null).body());
        assertThat(manifest.path("widget").path("title").asString()).isEqualTo("By service");
        assertThat(manifest.path("rowCount").asLong()).isEqualTo(1);
        assertThat(json.readTree(admin("GET", "/api/v1/exports/" + id + "/verify", null, null).body())
                .path("valid").asBoolean()).isTrue();
        JsonNode audit = AuditRecords.await(rest, "export", id).getFirst();
        assertThat(audit.path("details").path("dashboard").asString()).isEqualTo(dashboard);
        assertThat(send("POST", "/api/v1/exports/widget", "api-analyst", "analyst-Secret-1", "{\"dashboardId\":\""
                + dashboard + "\",\"widget\":0," + RANGE + ",\"format\":\"CSV\"}").statusCode()).isEqualTo(403);
        assertThat(admin("POST", "/api/v1/exports/widget", "{\"dashboardId\":\"" + dashboard + "\",\"widget\":9,"
                + RANGE + ",\"format\":\"CSV\"}", "application/json").statusCode()).isEqualTo(400);
    }

    @Test
    void a_compliance_officer_sees_only_their_own_exports_over_http() throws Exception {
        String admins = submit("{\"query\":\"\"," + RANGE + ",\"fields\":[\"message\"],\"format\":\"CSV\"}");
        awaitCompleted(admins);

        JsonNode list = json.readTree(send("GET", "/api/v1/exports?size=500", "api-officer", "officer-Secret-1",
                null).body());
        list.path("jobs").forEach(job -> assertThat(job.path("createdBy").asString()).isEqualTo("api-officer"));
        assertThat(send("GET", "/api/v1/exports/" + admins, "api-officer", "officer-Secret-1", null).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/exports/" + admins + "/download", "api-officer", "officer-Secret-1", null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void refuses_roles_without_export_permission_and_bad_requests() throws Exception {
        HttpResponse<String> analyst = send("POST", "/api/v1/exports", "api-analyst", "analyst-Secret-1",
                "{\"from\":\"now-1h\",\"to\":\"now\",\"fields\":[\"message\"],\"format\":\"CSV\"}");
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/exports", "api-analyst", "analyst-Secret-1", null).statusCode())
                .isEqualTo(403);

        HttpResponse<String> bad = admin("POST", "/api/v1/exports",
                "{\"from\":\"yesterday\",\"to\":\"now\",\"fields\":[\"message\"],\"format\":\"CSV\"}",
                "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("'from'");
        assertThat(admin("GET", "/api/v1/exports/no-such-id", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void prometheus_exposes_export_metrics() throws Exception {
        awaitCompleted(submit("{\"query\":\"\"," + RANGE + ",\"fields\":[\"message\"],\"format\":\"CSV\"}"));

        String metrics = admin("GET", "/actuator/prometheus", null, null).body();

        assertThat(metrics)
                .containsPattern("logwarden_export_jobs_total\\{[^}]*format=\"csv\",state=\"completed\"\\} [1-9]")
                .containsPattern("logwarden_export_rows_total\\{[^}]*format=\"csv\"\\} [1-9]")
                .containsPattern("logwarden_export_bytes_total\\{[^}]*format=\"csv\"\\} [1-9]")
                .containsPattern("logwarden_export_duration_seconds_count\\{[^}]*format=\"csv\",state=\"completed\"\\}")
                .containsPattern("logwarden_export_jobs_running\\{[^}]*format=\"xlsx\"\\} 0");
    }

    private String submit(String body) throws IOException, InterruptedException {
        return submit(null, body);
    }

    private String submit(String kind, String body) throws IOException, InterruptedException {
        HttpResponse<String> created = admin("POST", "/api/v1/exports" + (kind == null ? "" : "/" + kind), body,
                "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json.readTree(created.body()).path("id").asString();
    }

    private JsonNode awaitCompleted(String id) throws IOException, InterruptedException {
        await().atMost(Duration.ofMinutes(2)).until(() -> status(id).path("state").asString().equals("COMPLETED"));
        return status(id);
    }

    private JsonNode status(String id) throws IOException, InterruptedException {
        return json.readTree(admin("GET", "/api/v1/exports/" + id, null, null).body());
    }

    private HttpResponse<String> admin(String method, String path, String body, String type)
            throws IOException, InterruptedException {
        return send(method, path, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD, body, type);
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String body)
            throws IOException, InterruptedException {
        return send(method, path, user, password, body, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String body,
                                      String type) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(method, path, user, password).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String user, String password) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
    }
}
