package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.audit.AuditService;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * OIDC login end to end against a real (local) identity provider: discovery, authorization code, a signed id_token
 * checked against the provider's JWKS, and the mapping to the Logwarden account linked to issuer + subject.
 */
@SecurityOptionsTest
class OidcLoginIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    DocumentStore store;
    @Autowired
    AuditService audit;
    @Autowired
    co.elastic.clients.elasticsearch.ElasticsearchClient client;

    private final LocalOidcProvider provider = LocalOidcProvider.get();
    private String name;
    private String subject;

    @BeforeEach
    void linkedAccount() {
        name = "oidc-" + UUID.randomUUID().toString().substring(0, 8);
        subject = "sub-" + UUID.randomUUID();
        store.save(IndexNames.USERS, name, new UserAccount(name, "{noop}unused-password", Set.of(Roles.ANALYST),
                AccessScope.EVERYTHING, true, Instant.now(), null, new UserAccount.OidcLink(provider.issuer(), subject)));
    }

    private static Map<String, String> query(String location) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Plays the browser through the code flow; returns the answer to the redirect back to Logwarden. */
    private HttpResponse<String> signIn(BrowserSession browser, String asSubject, Map<String, Object> claims) {
        HttpResponse<String> toProvider = browser.get("/oauth2/authorization/local");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String location = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(provider.issuer() + "/authorize?");
        Map<String, String> params = query(location);
        assertThat(params).containsEntry("client_id", LocalOidcProvider.CLIENT_ID).containsKeys("state", "nonce");
        String code = provider.issueCode(asSubject, params.get("nonce"), claims);
        return browser.get(URI.create(params.get("redirect_uri")).getPath() + "?code=" + code + "&state="
                + URLEncoder.encode(params.get("state"), StandardCharsets.UTF_8));
    }

    private BrowserSession browser() {
        return new BrowserSession(URI.create("http://127.0.0.1:" + port));
    }

    @Test
    void a_linked_identity_logs_in_as_its_account_and_is_audited() throws Exception {
        BrowserSession browser = browser();
        HttpResponse<String> back = signIn(browser, subject, Map.of("preferred_username", "admin"));

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        assertThat(audit.flush(Duration.ofSeconds(30))).isTrue();
        client.indices().refresh(r -> r.index(IndexNames.pattern(IndexNames.AUDIT)));
        String q = URLEncoder.encode("audit.entity.id:\"" + name + "\" AND event.action:login.success",
                StandardCharsets.UTF_8);
        JsonNode trail = JSON.readTree(new HttpTestClient(URI.create("http://127.0.0.1:" + port))
                .get("/api/v1/audit?q=" + q, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).body());
        assertThat(trail.path("records")).anySatisfy(r ->
                assertThat(r.path("details").path("method").asText()).isEqualTo("oidc"));
    }

    @Test
    void an_unknown_subject_is_refused_whatever_username_it_claims() {
        BrowserSession browser = browser();
        HttpResponse<String> back = signIn(browser, "sub-stranger", Map.of("preferred_username", "admin",
                "email", "admin@corp.example", "email_verified", true));

        assertThat(back.headers().firstValue("Location").orElseThrow()).contains("/login?error");
        assertThat(BrowserSession.redirectsToLogin(browser.get("/"))).isTrue();
    }

    @Test
    void a_disabled_account_is_refused() {
        UserAccount account = store.find(IndexNames.USERS, name, UserAccount.class).orElseThrow();
        store.save(IndexNames.USERS, name, new UserAccount(name, account.passwordHash(), account.roles(),
                account.scope(), false, account.createdAt(), null, account.oidc()));
        BrowserSession browser = browser();

        HttpResponse<String> back = signIn(browser, subject, Map.of());

        assertThat(back.headers().firstValue("Location").orElseThrow()).contains("/login?error");
        assertThat(BrowserSession.redirectsToLogin(browser.get("/"))).isTrue();
    }
}
