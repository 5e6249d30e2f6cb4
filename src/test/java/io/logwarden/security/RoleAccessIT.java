package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Real users of every role against the REST API: who may do what, scopes, user administration, lock-out. */
@LogwardenIntegrationTest
class RoleAccessIT {

    static final String PASSWORD = "role-test-Secret-9";
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchClient client;
    @Autowired
    io.logwarden.audit.AuditService audit;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, String path, String user, String password, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> asAdmin(String method, String path, String body) {
        return call(method, path, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD, body);
    }

    private String user(String role) {
        return role.toLowerCase() + "-" + RUN;
    }

    @BeforeEach
    void createOneUserPerRole() {
        for (String role : Roles.ALL) {
            String body = """
                    {"username":"%s","password":"%s","roles":["%s"],
                     "scope":{"organizations":%s,"services":[],"categories":%s}}"""
                    .formatted(user(role), PASSWORD, role, Roles.SCOPED.contains(role) ? "[\"acme\"]" : "[]",
                            role.equals(Roles.COMPLIANCE) ? "[\"authentication\"]" : "[]");
            int status = asAdmin("POST", "/api/v1/users", body).statusCode();
            assertThat(status).isIn(201, 409);
        }
    }

    private void refreshAuditTrail() throws IOException {
        assertThat(audit.flush(java.time.Duration.ofSeconds(30))).isTrue();
        client.indices().refresh(r -> r.index(IndexNames.pattern(IndexNames.AUDIT)));
    }

    @Test
    void only_admins_manage_users() {
        for (String role : Roles.ALL) {
            int expected = role.equals(Roles.ADMIN) ? 200 : 403;
            assertThat(call("GET", "/api/v1/users", user(role), PASSWORD, null).statusCode())
                    .as(role).isEqualTo(expected);
            assertThat(call("DELETE", "/api/v1/users/" + user(Roles.VIEWER), user(role), PASSWORD, null).statusCode())
                    .as(role).isIn(role.equals(Roles.ADMIN) ? List.of(204, 404) : List.of(403));
            if (role.equals(Roles.ADMIN)) {
                createOneUserPerRole();
            }
        }
    }

    @Test
    void only_admins_and_compliance_read_and_verify_the_audit_trail() {
        for (String role : Roles.ALL) {
            boolean allowed = role.equals(Roles.ADMIN) || role.equals(Roles.COMPLIANCE);
            assertThat(call("GET", "/api/v1/audit/verify", user(role), PASSWORD, null).statusCode())
                    .as(role).isEqualTo(allowed ? 200 : 403);
            assertThat(call("GET", "/api/v1/audit?q=*", user(role), PASSWORD, null).statusCode())
                    .as(role).isEqualTo(allowed ? 200 : 403);
        }
    }

    @Test
    void only_admins_scrape_prometheus() {
        for (String role : Roles.ALL) {
            assertThat(call("GET", "/actuator/prometheus", user(role), PASSWORD, null).statusCode())
                    .as(role).isEqualTo(role.equals(Roles.ADMIN) ? 200 : 403);
        }
    }

    @Test
    void me_reports_roles_scope_and_pii_visibility() {
        for (String role : Roles.ALL) {
            JsonNode me = JSON.readTree(call("GET", "/api/v1/me", user(role), PASSWORD, null).body());
            assertThat(me.get("username").asString()).isEqualTo(user(role));
            assertThat(me.get("roles").get(0).asString()).isEqualTo(role);
            assertThat(me.get("piiVisible").asBoolean()).as(role)
                    .isEqualTo(role.equals(Roles.ADMIN) || role.equals(Roles.COMPLIANCE));
        }
    }

    @Test
    void audit_browsing_is_held_to_the_users_scope_whatever_the_query() throws IOException {
        // a failed login (authentication) and a user change (iam) are both in the trail
        call("GET", "/api/v1/me", user(Roles.VIEWER), "wrong-password", null);
        asAdmin("PUT", "/api/v1/users/" + user(Roles.ANALYST), "{\"enabled\":true}");
        refreshAuditTrail();

        JsonNode adminView = JSON.readTree(asAdmin("GET", "/api/v1/audit?q=event.category:iam&size=1000", null).body());
        assertThat(adminView.get("total").asLong()).isPositive();

        for (String query : List.of("*", "event.category:iam", "event.category:iam OR *:*", "_index:*",
                "NOT event.category:authentication", "(((event.category:(iam OR configuration))))")) {
            String encoded = java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
            HttpResponse<String> response = call("GET", "/api/v1/audit?size=1000&q=" + encoded,
                    user(Roles.COMPLIANCE), PASSWORD, null);
            assertThat(response.statusCode()).as(query).isIn(200, 400);
            if (response.statusCode() == 200) {
                for (JsonNode record : JSON.readTree(response.body()).get("records")) {
                    assertThat(record.get("event").get("category").asString()).as(query).isEqualTo("authentication");
                }
            }
        }
        JsonNode complianceView = JSON.readTree(call("GET", "/api/v1/audit?q=event.action:login.failure&size=10",
                user(Roles.COMPLIANCE), PASSWORD, null).body());
        assertThat(complianceView.get("total").asLong()).isPositive();
    }

    @Test
    void user_changes_are_validated_and_audited() throws IOException {
        String name = "temp-" + RUN;
        assertThat(asAdmin("POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"short\","
                + "\"roles\":[\"VIEWER\"]}").statusCode()).isEqualTo(400);
        assertThat(asAdmin("POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"ROOT\"]}").statusCode()).isEqualTo(400);
        assertThat(asAdmin("POST", "/api/v1/users", "{\"username\":\"<script>\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"VIEWER\"]}").statusCode()).isEqualTo(400);
        HttpResponse<String> created = asAdmin("POST", "/api/v1/users", "{\"username\":\"" + name
                + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"VIEWER\"],\"scope\":{\"services\":[\"web\"]}}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("passwordHash").doesNotContain(PASSWORD);
        assertThat(asAdmin("POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"VIEWER\"],\"scope\":{\"services\":[\"web\"]}}").statusCode()).isEqualTo(409);
        assertThat(call("GET", "/api/v1/me", name, PASSWORD, null).body()).contains("\"services\":[\"web\"]");

        assertThat(asAdmin("PUT", "/api/v1/users/" + name, "{\"enabled\":false}").statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/me", name, PASSWORD, null).statusCode()).isEqualTo(401);
        assertThat(asAdmin("DELETE", "/api/v1/users/" + name, null).statusCode()).isEqualTo(204);
        assertThat(asAdmin("GET", "/api/v1/users/" + name, null).statusCode()).isEqualTo(404);
        assertThat(asAdmin("DELETE", "/api/v1/users/admin", null).statusCode()).isEqualTo(400);
        assertThat(asAdmin("PUT", "/api/v1/users/admin", "{\"roles\":[\"VIEWER\"]}").statusCode()).isEqualTo(400);

        refreshAuditTrail();
        String q = java.net.URLEncoder.encode("audit.entity.id:\"" + name + "\"", StandardCharsets.UTF_8);
        JsonNode trail = JSON.readTree(asAdmin("GET", "/api/v1/audit?size=100&q=" + q, null).body());
        List<String> actions = new java.util.ArrayList<>();
        trail.get("records").forEach(r -> actions.add(r.get("event").get("action").asString()));
        assertThat(actions).contains("user.create", "user.update", "user.delete");
        trail.get("records").forEach(r -> {
            if (!r.get("event").get("action").asString().startsWith("login")) {
                assertThat(r.get("user").get("name").asString()).isEqualTo("admin");
            }
        });
        assertThat(trail.toString()).doesNotContain(PASSWORD).doesNotContain("bcrypt");
    }

    @Test
    void repeated_failures_lock_the_username_out_and_are_audited() throws IOException {
        String name = "locky-" + RUN;
        assertThat(asAdmin("POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"VIEWER\"],\"scope\":{\"services\":[\"web\"]}}").statusCode()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/me", name, PASSWORD, null).statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/api/v1/me", name, "guess-" + i, null).statusCode()).isEqualTo(401);
        }
        // the right password no longer helps, but other users are not affected
        assertThat(call("GET", "/api/v1/me", name, PASSWORD, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/me", user(Roles.VIEWER), PASSWORD, null).statusCode()).isEqualTo(200);

        refreshAuditTrail();
        String q = java.net.URLEncoder.encode("audit.entity.id:\"" + name + "\"", StandardCharsets.UTF_8);
        JsonNode trail = JSON.readTree(asAdmin("GET", "/api/v1/audit?size=100&q=" + q, null).body());
        List<String> actions = new java.util.ArrayList<>();
        trail.get("records").forEach(r -> actions.add(r.get("event").get("action").asString()));
        assertThat(actions).contains("login.lockout").filteredOn("login.failure"::equals).hasSizeGreaterThanOrEqualTo(6);
        assertThat(trail.toString()).contains("LockedException");
    }

    @Test
    void ui_responses_carry_the_security_headers() {
        HttpResponse<String> login = call("GET", "/login", null, null, null);
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'")
                        .contains("object-src 'none'"));
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
        HttpResponse<String> api = call("GET", "/api/v1/me", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD, null);
        assertThat(api.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(api.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
    }

    @Test
    void basic_logins_are_audited_once_per_interval_and_api_key_changes_always() throws IOException {
        String name = "basic-" + RUN;
        assertThat(asAdmin("POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"ANALYST\"]}").statusCode()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/api/v1/me", name, PASSWORD, null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> created = asAdmin("POST", "/api/v1/admin/api-keys", "{\"name\":\"key-" + RUN + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        assertThat(asAdmin("DELETE", "/api/v1/admin/api-keys/" + id, null).statusCode()).isEqualTo(204);
        refreshAuditTrail();

        String q = java.net.URLEncoder.encode("audit.entity.id:\"" + name + "\" AND event.action:login.success",
                StandardCharsets.UTF_8);
        JsonNode logins = JSON.readTree(asAdmin("GET", "/api/v1/audit?size=100&q=" + q, null).body());
        assertThat(logins.get("total").asLong()).as("five Basic requests, one login record").isEqualTo(1);
        assertThat(logins.get("records").get(0).get("details").get("method").asString()).isEqualTo("basic");

        String keyQuery = java.net.URLEncoder.encode("audit.entity.id:\"" + id + "\"", StandardCharsets.UTF_8);
        JsonNode keyTrail = JSON.readTree(asAdmin("GET", "/api/v1/audit?size=10&q=" + keyQuery, null).body());
        List<String> actions = new java.util.ArrayList<>();
        keyTrail.get("records").forEach(r -> actions.add(r.get("event").get("action").asString()));
        assertThat(actions).containsExactlyInAnyOrder("apikey.create", "apikey.revoke");
        assertThat(keyTrail.toString()).contains("key-" + RUN).doesNotContain(JSON.readTree(created.body())
                .get("key").asString());
    }

    @Test
    void operations_and_viewer_accounts_need_a_scope() {
        for (String role : List.of(Roles.OPERATIONS, Roles.VIEWER)) {
            HttpResponse<String> refused = asAdmin("POST", "/api/v1/users", "{\"username\":\"unscoped-"
                    + role.toLowerCase() + "-" + RUN + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\""
                    + role + "\"]}");
            assertThat(refused.statusCode()).as(role).isEqualTo(400);
            assertThat(refused.body()).contains("scope");
        }
        assertThat(asAdmin("PUT", "/api/v1/users/" + user(Roles.VIEWER), "{\"scope\":{}}").statusCode())
                .isEqualTo(400);
    }
}
