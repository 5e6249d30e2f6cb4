package io.logwarden.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.alert.internal.AlertIndices;
import io.logwarden.alert.internal.AlertTestRig;
import io.logwarden.alert.internal.DefaultRules;
import io.logwarden.alert.internal.RuleEvaluator;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/** Rule ownership, scope, roles, concurrency, errors and audit through the REST API against real Elasticsearch. */
@LogwardenIntegrationTest
class AlertRulesIT {

    private static final String PASSWORD = "rules-IT-Secret-1";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    PasswordEncoder passwords;

    private AlertTestRig rig;
    private AlertHttp http;

    @BeforeEach
    void start() {
        rig = new AlertTestRig(context);
        http = new AlertHttp(port);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private String user(String role, Set<String> services) {
        String name = role.toLowerCase() + "-" + rig.tag;
        rig.documents.save(IndexNames.USERS, name, new UserAccount(name, passwords.encode(PASSWORD), Set.of(role),
                new AccessScope(Set.of(), services, Set.of()), true, Instant.now()));
        return name;
    }

    private HttpResponse<String> as(String user, String method, String path, String body) {
        return http.call(method, path, body, user, user.equals(TestUsers.ADMIN) ? TestUsers.ADMIN_PASSWORD : PASSWORD);
    }

    private String queryRule(String name, boolean enabled, String extra) {
        return """
                {"name":"%s","enabled":%s,"kind":"QUERY_MATCH","severity":"HIGH","query":"event.action:%s",
                 "window":"PT10M","schedule":"PT1M","threshold":0,
                 "channels":[{"type":"WEBHOOK","settings":{"url":"%s"}}]%s}"""
                .formatted(name, enabled, rig.tag, rig.hook.url("/hook"), extra);
    }

    @Test
    void analysts_may_not_write_rules_and_operations_may() {
        String analyst = user(Roles.ANALYST, Set.of());
        String ops = user(Roles.OPERATIONS, Set.of("web"));
        assertThat(as(analyst, "POST", "/api/v1/alerts/rules", queryRule("a", false, "")).statusCode())
                .isEqualTo(403);
        assertThat(as(analyst, "GET", "/api/v1/alerts/rules", null).statusCode()).isEqualTo(200);
        HttpResponse<String> created = as(ops, "POST", "/api/v1/alerts/rules", queryRule("o", false, ""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(AlertHttp.json(created).get("revision").asLong()).isEqualTo(1);
    }

    @Test
    void the_rule_keeps_its_owners_scope_when_an_admin_edits_it_and_narrowing_the_owner_applies_at_once() {
        String ops = user(Roles.OPERATIONS, Set.of("api-" + rig.tag, "web-" + rig.tag));
        rig.event(rig.t0.minusSeconds(30), Map.of("event", Map.of("action", rig.tag),
                "service", Map.of("name", "api-" + rig.tag)));
        rig.event(rig.t0.minusSeconds(20), Map.of("event", Map.of("action", rig.tag),
                "service", Map.of("name", "web-" + rig.tag)));
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag),
                "service", Map.of("name", "other-" + rig.tag)));
        JsonNode created = AlertHttp.json(as(ops, "POST", "/api/v1/alerts/rules", queryRule("scoped", true, "")));
        String id = created.get("id").asString();
        rig.track(id);

        HttpResponse<String> edited = as(TestUsers.ADMIN, "PUT", "/api/v1/alerts/rules/" + id,
                queryRule("scoped by admin", true, ",\"revision\":1"));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        AlertRule stored = rig.documents.find(AlertIndices.RULES, id, AlertRule.class).orElseThrow();
        assertThat(stored.owner()).isEqualTo(ops);
        assertThat(stored.scope()).as("the owner's scope, not the admin's")
                .isEqualTo(ScopeFilter.of(Map.of("service.name", Set.of("api-" + rig.tag, "web-" + rig.tag))));

        RuleEvaluator evaluator = rig.evaluator("a");
        evaluator.evaluate(stored, rig.t0).deliveries().join();
        assertThat(state(id).lastValue()).as("two services in scope").isEqualTo(2);

        user(Roles.OPERATIONS, Set.of("api-" + rig.tag)); // the owner's scope narrows
        evaluator.evaluate(stored, rig.t0.plusSeconds(60)).deliveries().join();
        assertThat(state(id).lastValue()).as("re-read at evaluation").isEqualTo(1);
    }

    private AlertState state(String ruleId) {
        return rig.store.get(AlertIndices.STATE, AlertState.idOf(ruleId, ""), AlertState.class).orElseThrow()
                .document();
    }

    @Test
    void the_preview_masks_personal_group_values_for_users_without_pii_access() {
        String ops = user(Roles.OPERATIONS, Set.of());
        for (String email : List.of("jane.doe@example.org", "jane.doe@example.org", "max@example.org")) {
            rig.event(Instant.now().minusSeconds(600), Map.of("event", Map.of("action", rig.tag),
                    "user", Map.of("email", email)));
        }
        String draft = """
                {"name":"per user","kind":"COUNT_THRESHOLD","query":"event.action:%s","groupBy":"user.email",
                 "window":"PT1H","threshold":1}""".formatted(rig.tag);

        HttpResponse<String> masked = as(ops, "POST", "/api/v1/alerts/rules/preview", draft);
        assertThat(masked.statusCode()).as(masked.body()).isEqualTo(200);
        assertThat(masked.body()).doesNotContain("jane.doe").doesNotContain("max@");
        JsonNode preview = AlertHttp.json(masked);
        assertThat(preview.get("matchesLast24h").get("j***@example.org").asLong()).isEqualTo(2);
        assertThat(preview.get("groupsNow").valueStream().filter(g -> g.get("wouldFire").asBoolean())
                .map(g -> g.get("group").asString())).containsExactly("j***@example.org");
        assertThat(as(TestUsers.ADMIN, "POST", "/api/v1/alerts/rules/preview", draft).body())
                .as("admin has PII access").contains("jane.doe@example.org");
    }

    @Test
    void an_update_based_on_an_old_revision_is_refused() {
        String id = AlertHttp.json(as(TestUsers.ADMIN, "POST", "/api/v1/alerts/rules", queryRule("c", false, "")))
                .get("id").asString();
        assertThat(as(TestUsers.ADMIN, "PUT", "/api/v1/alerts/rules/" + id,
                queryRule("first editor", false, ",\"revision\":1")).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = as(TestUsers.ADMIN, "PUT", "/api/v1/alerts/rules/" + id,
                queryRule("second editor", false, ",\"revision\":1"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("changed by someone else");
        assertThat(AlertHttp.json(as(TestUsers.ADMIN, "GET", "/api/v1/alerts/rules/" + id, null)).get("name")
                .asString()).isEqualTo("first editor");
    }

    @Test
    void a_rule_that_no_longer_validates_can_still_be_disabled() {
        AlertRule broken = new AlertRule("it-" + rig.tag + "-broken", "broken", null, true, RuleKind.QUERY_MATCH,
                Severity.HIGH, "log.level:(critical", null, null, Duration.ofMinutes(5), 0.0, null, null, null, null,
                List.of(new ChannelConfig(ChannelType.EMAIL, Map.of("to", "ops@example.org"))), "admin",
                ScopeFilter.UNRESTRICTED, rig.t0, rig.t0);
        rig.store.put(AlertIndices.RULES, broken.id(), broken);

        HttpResponse<String> enable = as(TestUsers.ADMIN, "POST", "/api/v1/alerts/rules/" + broken.id() + "/enable",
                null);
        assertThat(enable.statusCode()).isEqualTo(400);
        assertThat(enable.body()).contains("query is not valid").contains("no SMTP server is configured");
        HttpResponse<String> disable = as(TestUsers.ADMIN, "POST",
                "/api/v1/alerts/rules/" + broken.id() + "/disable", null);
        assertThat(disable.statusCode()).as(disable.body()).isEqualTo(200);
        assertThat(AlertHttp.json(disable).get("enabled").asBoolean()).isFalse();
    }

    @Test
    void evaluation_errors_are_recorded_once_in_the_history_and_shown_as_the_rules_status() {
        AlertRule failing = new AlertRule("it-" + rig.tag + "-failing", "failing", null, true, RuleKind.COUNT_THRESHOLD,
                Severity.HIGH, "event.action:" + rig.tag, null, "message", Duration.ofMinutes(5), 0.0, null, null,
                null, null, List.of(rig.webhook()), "admin", ScopeFilter.UNRESTRICTED, rig.t0, rig.t0);
        rig.store.put(AlertIndices.RULES, failing.id(), failing);
        rig.track(failing.id());
        rig.event(rig.t0.minusSeconds(5), Map.of("event", Map.of("action", rig.tag)));
        RuleEvaluator evaluator = rig.evaluator("a");

        evaluator.evaluate(failing, rig.t0);
        evaluator.evaluate(failing, rig.t0.plusSeconds(60));
        assertThat(rig.history(failing)).containsExactly("error");
        JsonNode status = AlertHttp.json(as(TestUsers.ADMIN, "GET", "/api/v1/alerts/rules/status", null))
                .get(failing.id());
        assertThat(status.get("lastError").asString()).contains("message");
        assertThat(status.get("lastErrorAt").asString()).isEqualTo(rig.t0.toString());

        AlertRule fixed = new AlertRule(failing.id(), failing.name(), null, true, RuleKind.COUNT_THRESHOLD,
                Severity.HIGH, failing.query(), null, "service.name", failing.window(), 0.0, null, null, null, null,
                failing.channels(), "admin", ScopeFilter.UNRESTRICTED, rig.t0, rig.t0);
        evaluator.evaluate(fixed, rig.t0.plusSeconds(120)).deliveries().join();
        assertThat(rig.history(fixed)).containsOnlyOnce("error").contains("recovered");
        JsonNode recovered = AlertHttp.json(as(TestUsers.ADMIN, "GET", "/api/v1/alerts/rules/status", null))
                .get(failing.id());
        assertThat(recovered.path("lastError").isMissingNode() || recovered.path("lastError").isNull()).isTrue();
    }

    @Test
    void rule_changes_and_acknowledgements_are_in_the_audit_trail() {
        String id = AlertHttp.json(as(TestUsers.ADMIN, "POST", "/api/v1/alerts/rules", queryRule("audited", false,
                ""))).get("id").asString();
        as(TestUsers.ADMIN, "POST", "/api/v1/alerts/rules/" + id + "/disable", null);
        as(TestUsers.ADMIN, "DELETE", "/api/v1/alerts/rules/" + id, null);

        String q = URLEncoder.encode("audit.entity.id:\"" + id + "\"", StandardCharsets.UTF_8);
        // audit records become searchable at the next index refresh (1 s), so poll rather than race it
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode trail = AlertHttp.json(as(TestUsers.ADMIN, "GET", "/api/v1/audit?q=" + q, null));
            assertThat(trail.get("records").valueStream().map(r -> r.get("event").get("action").asString()))
                    .containsExactlyInAnyOrder("alert.rule.create", "alert.rule.disable", "alert.rule.delete");
        });
    }

    @Test
    void a_deleted_default_rule_stays_deleted_after_a_restart() throws Exception {
        String id = "default-silent-source";
        AlertRule original = rig.documents.find(AlertIndices.RULES, id, AlertRule.class).orElseThrow();
        try {
            assertThat(as(TestUsers.ADMIN, "DELETE", "/api/v1/alerts/rules/" + id, null).statusCode())
                    .isEqualTo(204);
            context.getBean("defaultAlertRules", ApplicationRunner.class).run(null); // what a restart runs
            assertThat(DefaultRules.install(rig.store, Instant.now())).isZero();
            assertThat(as(TestUsers.ADMIN, "GET", "/api/v1/alerts/rules/" + id, null).statusCode()).isEqualTo(404);
        } finally {
            rig.store.create(AlertIndices.RULES, id, original);
        }
    }

    @Test
    void fired_and_resolved_alerts_and_deliveries_are_counted_for_prometheus() {
        rig.event(rig.t0.minusSeconds(5), Map.of("event", Map.of("action", rig.tag)));
        AlertRule rule = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(1), 0,
                NoiseControl.NONE);
        RuleEvaluator evaluator = rig.evaluator("a");
        rig.run(evaluator, rule, rig.t0);
        rig.run(evaluator, rule, rig.t0.plus(Duration.ofMinutes(2)));

        String metrics = as(TestUsers.ADMIN, "GET", "/actuator/prometheus", null).body();
        assertThat(metrics).contains("logwarden_alert_fired_total{application=\"logwarden\",kind=\"query_match\","
                + "severity=\"high\"}").contains("logwarden_alert_resolved_total{application=\"logwarden\","
                + "kind=\"query_match\",severity=\"high\"}");
    }

    @Test
    void preferences_are_stored_per_user_and_bad_ones_are_refused_with_every_error() {
        String ops = user(Roles.OPERATIONS, Set.of());
        assertThat(AlertHttp.json(as(ops, "GET", "/api/v1/alerts/preferences", null)).get("channels").get(0)
                .get("type").asString()).as("default: in-app").isEqualTo("IN_APP");
        HttpResponse<String> bad = as(ops, "PUT", "/api/v1/alerts/preferences", """
                {"channels":[{"type":"EMAIL","address":"not-an-address","severities":["HIGH"]},
                             {"type":"SMS","address":"+15550001","severities":["CRITICAL"]}]}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("EMAIL: 'not-an-address' is not an email address")
                .contains("no SMTP server is configured").contains("SMS: no SMS gateway is configured");
        HttpResponse<String> good = as(ops, "PUT", "/api/v1/alerts/preferences", """
                {"channels":[{"type":"IN_APP","severities":["HIGH","CRITICAL"]}]}""");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(AlertHttp.json(as(ops, "GET", "/api/v1/alerts/preferences", null)).get("channels").get(0)
                .get("severities").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("HIGH",
                "CRITICAL");
    }
}
