package io.logwarden.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.internal.RuleEvaluator;
import io.logwarden.alert.internal.channel.RecordingHttpServer;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API end to end; the scheduler is off in tests, so the test decides when rules are evaluated. */
@LogwardenIntegrationTest
class AlertApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VIEWER_PASSWORD = "viewer-Secret-1";

    @LocalServerPort
    int port;
    @Autowired
    RuleEvaluator evaluator;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    DocumentStore documents;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();
    private RecordingHttpServer hook;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void start() throws Exception {
        hook = new RecordingHttpServer();
    }

    @AfterEach
    void stop() {
        hook.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return call(method, path, body, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    }

    private String healthRule(String component, String channels) {
        return """
                {"name":"Journal %s","enabled":true,"kind":"HEALTH","severity":"HIGH","query":"%s",
                 "window":"PT5M","schedule":"PT1M","threshold":0,
                 "messageTemplate":"{{health.component}} is {{status}}: {{health.details}}",
                 "channels":%s}""".formatted(tag, component, channels);
    }

    private String webhook() {
        return "[{\"type\":\"WEBHOOK\",\"settings\":{\"url\":\"" + hook.url("/hook")
                + "\",\"secret\":\"0123456789abcdef-secret\"}}]";
    }

    @Test
    void admin_creates_a_rule_secrets_are_masked_and_test_send_reaches_the_channel() {
        events.publishEvent(new HealthChangedEvent(Instant.now(), "c-" + tag, false, 0, "fine"));
        HttpResponse<String> created = admin("POST", "/api/v1/alerts/rules", healthRule("c-" + tag, webhook()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode rule = JSON.readTree(created.body());
        String id = rule.get("id").asString();
        assertThat(rule.get("owner").asString()).isEqualTo("admin");
        assertThat(rule.get("channels").get(0).get("settings").get("secret").asString()).isEqualTo("******");

        HttpResponse<String> test = admin("POST", "/api/v1/alerts/rules/" + id + "/test", null);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
        assertThat(JSON.readTree(test.body()).get(0).get("outcome").asString()).isEqualTo("DELIVERED");
        RecordingHttpServer.Request received = hook.requests().getFirst();
        assertThat(JSON.readTree(received.body()).get("test").asBoolean()).isTrue();
        // the stored secret, not the mask, signed the test
        assertThat(received.header("X-Logwarden-Signature")).startsWith("sha256=");
        assertThat(admin("GET", "/actuator/prometheus", null).body())
                .contains("logwarden_alert_deliveries_total{application=\"logwarden\",channel=\"webhook\",outcome=\"delivered\"}");

        assertThat(admin("GET", "/api/v1/alerts/rules/" + id, null).statusCode()).isEqualTo(200);
        assertThat(admin("DELETE", "/api/v1/alerts/rules/" + id, null).statusCode()).isEqualTo(204);
        assertThat(admin("GET", "/api/v1/alerts/rules/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void bad_templates_and_channel_configuration_are_refused_at_save_time_with_every_error() {
        String body = """
                {"name":"bad","enabled":true,"kind":"QUERY_MATCH","query":"log.level:critical",
                 "messageTemplate":"{{rule.name}} {{user.password}} {{value",
                 "channels":[{"type":"WEBHOOK","settings":{"url":"ftp://nowhere"}},
                             {"type":"TELEGRAM","settings":{"botToken":"x"}}]}""";
        HttpResponse<String> response = admin("POST", "/api/v1/alerts/rules", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("unknown placeholder '{{user.password}}'")
                .contains("unbalanced '{{'")
                .contains("channel 1 (WEBHOOK): url must be an http:// or https:// URL")
                .contains("channel 2 (TELEGRAM): chatId is required");
    }

    @Test
    void invalid_lucene_query_is_refused() {
        String body = """
                {"name":"bad query","kind":"QUERY_MATCH","query":"log.level:(critical"}""";
        HttpResponse<String> response = admin("POST", "/api/v1/alerts/rules/validate", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("query is not valid");
    }

    @Test
    void default_rules_ship_disabled_and_need_a_channel_to_be_enabled() {
        HttpResponse<String> list = admin("GET", "/api/v1/alerts/rules", null);
        JsonNode rules = JSON.readTree(list.body());
        assertThat(rules.valueStream().filter(r -> r.get("id").asString().startsWith("default-")))
                .hasSize(5).allSatisfy(r -> assertThat(r.get("enabled").asBoolean()).isFalse());
        HttpResponse<String> enable = admin("POST", "/api/v1/alerts/rules/default-critical-events/enable", null);
        assertThat(enable.statusCode()).isEqualTo(400);
        assertThat(enable.body()).contains("an enabled rule needs at least one channel");
    }

    @Test
    void unknown_health_components_are_refused_at_save_time() {
        HttpResponse<String> response = admin("POST", "/api/v1/alerts/rules", healthRule("no-such-" + tag, "[]"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'no-such-" + tag + "' is not a health component; known: ")
                .contains("elasticsearch").contains("search.latency");
    }

    @Test
    void viewer_may_read_but_not_change_rules() {
        String viewer = "viewer-" + tag;
        documents.save(IndexNames.USERS, viewer, new UserAccount(viewer, passwords.encode(VIEWER_PASSWORD),
                Set.of(Roles.VIEWER), new AccessScope(Set.of(), Set.of("web"), Set.of()), true, Instant.now()));

        HttpResponse<String> list = call("GET", "/api/v1/alerts/rules", null, viewer, VIEWER_PASSWORD);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).size()).as("owns no rules").isZero();
        assertThat(call("POST", "/api/v1/alerts/rules", healthRule("v", webhook()), viewer, VIEWER_PASSWORD)
                .statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/alerts/x~y/acknowledge", null, viewer, VIEWER_PASSWORD).statusCode())
                .isEqualTo(403);
    }

    @Test
    void firing_alert_is_listed_acknowledged_snoozed_and_lands_in_the_notification_centre() {
        String component = "journal-" + tag;
        String channels = webhook().replace("]", ",{\"type\":\"IN_APP\",\"settings\":{\"users\":\"admin\"}}]");
        events.publishEvent(new HealthChangedEvent(Instant.now(), component, false, 0, "fine"));
        JsonNode rule = JSON.readTree(admin("POST", "/api/v1/alerts/rules", healthRule(component, channels)).body());
        String ruleId = rule.get("id").asString();
        long unreadBefore = JSON.readTree(admin("GET", "/api/v1/alerts/notifications/unread-count", null).body())
                .get("unread").asLong();

        events.publishEvent(new HealthChangedEvent(Instant.now(), component, true, 0, "disk full"));
        AlertRule stored = new io.logwarden.alert.internal.RuleEvaluatorTestAccess().load(documents, ruleId);
        evaluator.evaluate(stored, Instant.now()).deliveries().join();

        JsonNode firing = JSON.readTree(admin("GET", "/api/v1/alerts?status=firing", null).body());
        JsonNode mine = firing.valueStream().filter(a -> a.get("state").get("ruleId").asString().equals(ruleId))
                .findFirst().orElseThrow();
        String alertId = mine.get("state").get("id").asString();
        assertThat(mine.get("state").get("group").asString()).isEqualTo(component);

        HttpResponse<String> ack = admin("POST", "/api/v1/alerts/" + alertId + "/acknowledge", null);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).get("acknowledgedBy").asString()).isEqualTo("admin");
        HttpResponse<String> snooze = admin("POST", "/api/v1/alerts/" + alertId + "/snooze", "{\"duration\":\"PT1H\"}");
        assertThat(snooze.statusCode()).as(snooze.body()).isEqualTo(200);
        assertThat(admin("POST", "/api/v1/alerts/" + alertId + "/snooze", "{\"duration\":\"soon\"}").statusCode())
                .isEqualTo(400);

        JsonNode history = JSON.readTree(admin("GET", "/api/v1/alerts/rules/" + ruleId + "/history", null).body());
        assertThat(history.valueStream().map(h -> h.get("state").asString()))
                .contains("firing", "notified", "acknowledged", "snoozed");

        assertThat(JSON.readTree(admin("GET", "/api/v1/alerts/notifications/unread-count", null).body())
                .get("unread").asLong()).isEqualTo(unreadBefore + 1);
        JsonNode centre = JSON.readTree(admin("GET", "/api/v1/alerts/notifications", null).body());
        JsonNode entry = centre.valueStream().filter(n -> n.get("ruleId").asString().equals(ruleId)).findFirst()
                .orElseThrow();
        assertThat(entry.get("message").asString()).isEqualTo(component + " is firing: disk full");
        assertThat(entry.get("link").asString()).isEqualTo("http://localhost:8080/system");
        assertThat(admin("POST", "/api/v1/alerts/notifications/" + URLEncoder.encode(entry.get("id").asString(),
                StandardCharsets.UTF_8) + "/read", null).statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(admin("GET", "/api/v1/alerts/notifications/unread-count", null).body())
                .get("unread").asLong()).isEqualTo(unreadBefore);
    }

    @Test
    void notifications_older_than_the_retention_are_pruned() {
        io.logwarden.alert.internal.NotificationCentre centre = context.getBean(
                io.logwarden.alert.internal.NotificationCentre.class);
        Instant now = Instant.now();
        for (Object[] n : new Object[][]{{"old-" + tag, now.minus(java.time.Duration.ofDays(40))},
                {"new-" + tag, now.minus(java.time.Duration.ofDays(2))}}) {
            centre.accept(new InAppNotification((String) n[0], "prune-" + tag, "r", "r", "a", "high", 3, "firing",
                    "t", "m", "search", (Instant) n[1], false));
        }
        assertThat(centre.prune(now.minus(java.time.Duration.ofDays(30)))).isGreaterThanOrEqualTo(1);
        assertThat(centre.list("prune-" + tag, 10)).extracting(InAppNotification::id).containsExactly("new-" + tag);
    }

    @Test
    void preview_counts_matches_of_the_last_24_hours_in_scope() {
        String action = "PREVIEW_" + tag;
        for (int i = 0; i < 3; i++) {
            documents.save(IndexNames.eventsIndex(Instant.now()), UUID.randomUUID().toString(), Map.of(
                    "@timestamp", Instant.now().minusSeconds(3600 + i).toString(),
                    "event", Map.of("action", action), "user", Map.of("name", "u" + (i % 2))));
        }
        String body = """
                {"name":"preview","kind":"COUNT_THRESHOLD","query":"event.action:%s","groupBy":"user.name",
                 "window":"PT2H","threshold":1}""".formatted(action);
        HttpResponse<String> response = admin("POST", "/api/v1/alerts/rules/preview", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode preview = JSON.readTree(response.body());
        assertThat(preview.get("matchesLast24h").get("u0").asLong()).isEqualTo(2);
        assertThat(preview.get("matchesLast24h").get("u1").asLong()).isEqualTo(1);
        assertThat(preview.get("groupsNow").valueStream().filter(g -> g.get("wouldFire").asBoolean())
                .map(g -> g.get("group").asString())).containsExactly("u0");
    }
}
