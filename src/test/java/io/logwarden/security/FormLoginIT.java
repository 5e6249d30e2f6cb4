package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.audit.AuditService;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The UI's form login as a browser uses it: CSRF token required, new session id on login, success and failure in the
 * audit trail, lock-out after repeated failures, and a disabled account or a lost role reaching an open session.
 */
@LogwardenIntegrationTest
class FormLoginIT {

    static final String PASSWORD = "form-login-Secret-1";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    AuditService audit;
    @Autowired
    co.elastic.clients.elasticsearch.ElasticsearchClient client;

    private HttpTestClient api;
    private String name;

    @BeforeEach
    void createUser() {
        api = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        name = "form-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = api.post("/api/v1/users", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"ADMIN\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private BrowserSession browser() {
        return new BrowserSession(URI.create("http://127.0.0.1:" + port));
    }

    private List<JsonNode> auditOf(String username) throws Exception {
        assertThat(audit.flush(Duration.ofSeconds(30))).isTrue();
        client.indices().refresh(r -> r.index(IndexNames.pattern(IndexNames.AUDIT)));
        String q = URLEncoder.encode("audit.entity.id:\"" + username + "\"", StandardCharsets.UTF_8);
        JsonNode trail = JSON.readTree(api.get("/api/v1/audit?size=100&q=" + q, TestUsers.ADMIN,
                TestUsers.ADMIN_PASSWORD).body());
        List<JsonNode> records = new ArrayList<>();
        trail.path("records").forEach(records::add);
        return records;
    }

    private static List<String> actions(List<JsonNode> records) {
        return records.stream().map(r -> r.path("event").path("action").asText()).toList();
    }

    @Test
    void login_changes_the_session_id_and_is_audited() throws Exception {
        BrowserSession browser = browser();
        assertThat(BrowserSession.redirectsToLogin(browser.get("/"))).isTrue();
        String before = browser.sessionId().orElseThrow();

        HttpResponse<String> login = browser.logIn(name, PASSWORD);

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(browser.sessionId()).isPresent().get().isNotEqualTo(before);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        List<JsonNode> records = auditOf(name);
        assertThat(records).anySatisfy(r -> {
            assertThat(r.path("event").path("action").asText()).isEqualTo("login.success");
            assertThat(r.path("details").path("method").asText()).isEqualTo("form");
            assertThat(r.path("user").path("name").asText()).isEqualTo(name);
        });
    }

    @Test
    void a_login_post_without_the_csrf_token_is_refused() {
        BrowserSession browser = browser();
        browser.get("/login");
        String before = browser.sessionId().orElseThrow();

        HttpResponse<String> forged = browser.postForm("/login", "username", name, "password", PASSWORD);

        // refused before the password is even looked at: sent back to the login page, no new session
        assertThat(forged.statusCode() == 403 || BrowserSession.redirectsToLogin(forged))
                .as(forged.headers().map().toString()).isTrue();
        assertThat(browser.sessionId()).contains(before);
        assertThat(BrowserSession.redirectsToLogin(browser.get("/"))).isTrue();
        HttpResponse<String> wrongToken = browser.postForm("/login", "username", name, "password", PASSWORD,
                "_csrf", "forged-token");
        assertThat(wrongToken.statusCode() == 403 || BrowserSession.redirectsToLogin(wrongToken)).isTrue();
        assertThat(BrowserSession.redirectsToLogin(browser.get("/"))).isTrue();
    }

    @Test
    void vaadin_requests_without_the_sessions_security_key_change_nothing() {
        BrowserSession browser = browser();
        assertThat(browser.logIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        HttpResponse<String> init = browser.get("/?v-r=init&location=admin");
        assertThat(init.statusCode()).isEqualTo(200);
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"")
                .matcher(init.body());
        assertThat(key.find()).as(init.body()).isTrue();
        java.util.regex.Matcher ui = java.util.regex.Pattern.compile("\"v-uiId\":(\\d+)").matcher(init.body());
        assertThat(ui.find()).as(init.body()).isTrue();

        HttpResponse<String> forged = uidl(browser, ui.group(1), "forged-key");
        HttpResponse<String> genuine = uidl(browser, ui.group(1), key.group(1));

        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(genuine.body()).as(genuine.body()).contains("\"syncId\":1");
        assertThat(forged.body()).as(forged.body()).doesNotContain("\"syncId\":1");
    }

    private static HttpResponse<String> uidl(BrowserSession browser, String uiId, String securityKey) {
        return browser.send(java.net.http.HttpRequest.newBuilder(URI.create(browser.base() + "/?v-r=uidl&v-uiId="
                        + uiId)).header("Content-Type", "application/json; charset=UTF-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"csrfToken\":\"" + securityKey
                        + "\",\"rpc\":[],\"syncId\":0,\"clientId\":0}")));
    }

    @Test
    void failed_form_logins_are_audited_and_lock_the_user_out() throws Exception {
        BrowserSession browser = browser();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = browser.logIn(name, "wrong-password-" + i);
            assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        }
        // locked out: the right password is refused too
        HttpResponse<String> locked = browser.logIn(name, PASSWORD);
        assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(BrowserSession.redirectsToLogin(browser.get("/"))).isTrue();

        List<JsonNode> records = auditOf(name);
        assertThat(actions(records)).contains("login.lockout").doesNotContain("login.success")
                .filteredOn("login.failure"::equals).hasSizeGreaterThanOrEqualTo(6);
        assertThat(records).filteredOn(r -> r.path("event").path("action").asText().equals("login.failure"))
                .allSatisfy(r -> assertThat(r.path("details").path("method").asText()).isEqualTo("form"))
                .anySatisfy(r -> assertThat(r.path("details").path("reason").asText()).isEqualTo("LockedException"));
    }

    @Test
    void disabling_the_account_ends_its_open_session() {
        BrowserSession browser = browser();
        assertThat(browser.logIn(name, PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        assertThat(api.put("/api/v1/users/" + name, "application/json", "{\"enabled\":false}", TestUsers.ADMIN,
                TestUsers.ADMIN_PASSWORD).statusCode()).isEqualTo(200);

        assertThat(BrowserSession.redirectsToLogin(browser.get("/"))).isTrue();
        assertThat(BrowserSession.redirectsToLogin(browser.get("/admin"))).isTrue();
    }
}
