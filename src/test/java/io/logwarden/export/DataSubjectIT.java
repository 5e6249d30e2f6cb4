package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data-subject requests over both event families and the dead letters, as ADMIN and as COMPLIANCE officers with and
 * without a scope, with the audit trail checked for what it records (pseudonyms, never the identifiers).
 */
@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataSubjectIT {

    static final Instant DAY1 = Instant.parse("2019-05-01T08:00:00Z");
    static final Instant DAY2 = Instant.parse("2019-05-02T08:00:00Z");
    static final String ID = "dsr-user-1";
    static final String EMAIL = "dsr1@example.com";
    static final String NAME = "Dana Subject";
    static final DataSubject SUBJECT = new DataSubject(ID, EMAIL, NAME);
    static final String EVENTS1 = IndexNames.eventsIndex(DAY1);
    static final String EVENTS2 = IndexNames.eventsIndex(DAY2);
    static final String AUDIT_EVENTS1 = IndexNames.daily(IndexNames.AUDIT_EVENTS, DAY1);
    static final String DEAD1 = IndexNames.daily(IndexNames.DEAD_LETTER, DAY1);

    @Autowired
    RestClient rest;
    @Autowired
    DataSubjectService subjects;
    @Autowired
    ExportService exports;
    @Autowired
    DocumentStore documents;
    @Autowired
    LogwardenProperties logwarden;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void users() throws IOException {
        documents.save(IndexNames.USERS, "dsr-officer", new UserAccount("dsr-officer", "{noop}x",
                Set.of(Roles.COMPLIANCE), null, true, Instant.now()));
        documents.save(IndexNames.USERS, "dsr-scoped", new UserAccount("dsr-scoped", "{noop}x",
                Set.of(Roles.COMPLIANCE), new AccessScope(Set.of("org"), Set.of(), Set.of()), true, Instant.now()));
        documents.save(IndexNames.USERS, "dsr-elsewhere", new UserAccount("dsr-elsewhere", "{noop}x",
                Set.of(Roles.COMPLIANCE), new AccessScope(Set.of("org-other"), Set.of(), Set.of()), true,
                Instant.now()));
        try {
            rest.performRequest(new Request("DELETE", "/" + DEAD1));
        } catch (ResponseException gone) {
            // created below with the current dead-letter mapping
        }
    }

    @BeforeEach
    void load() {
        TestEvents.load(rest, EVENTS1, List.of(
                Map.entry("dsr-a", TestEvents.event(DAY1, "a", "org", "svc", ID, "other@example.com", "login")),
                Map.entry("dsr-b", TestEvents.event(DAY1.plusSeconds(1), "b", "org", "svc", "someone-else",
                        "DSR1@Example.COM", "password reset")),
                Map.entry("dsr-c", TestEvents.event(DAY1.plusSeconds(2), "c", "org", "svc", ID, EMAIL,
                        "mail sent to " + EMAIL + " today")),
                Map.entry("dsr-x", TestEvents.event(DAY1.plusSeconds(3), "x", "org", "svc", "bystander",
                        "bystander@example.com", "unrelated")),
                Map.entry("dsr-n", named(TestEvents.event(DAY1.plusSeconds(4), "n", "org", "svc", "u-n",
                        "n@example.com", "profile viewed"), "dana subject")),
                Map.entry("dsr-m", TestEvents.event(DAY1.plusSeconds(5), "m", "org", "svc", "bystander2",
                        "b2@example.com", "contact " + EMAIL + " please"))));
        TestEvents.load(rest, AUDIT_EVENTS1, List.of(Map.entry("dsr-audit", TestEvents.event(DAY1.plusSeconds(6),
                "audit", "org", "svc", ID, EMAIL, "invoice updated"))));
        TestEvents.load(rest, EVENTS2, List.of(
                Map.entry("dsr-d", TestEvents.event(DAY2, "d", "org", "svc", ID, EMAIL, "logout"))));
        TestEvents.load(rest, DEAD1, List.of(
                Map.entry("dl-1", Map.of("@timestamp", DAY1.toString(), "reason", "malformed_json", "input", "http",
                        "original", "{\"user.id\":\"" + ID + "\",\"email\":\"" + EMAIL + "\",\"note\":\"" + ID
                                + "0 is someone else\" broken")),
                Map.entry("dl-x", Map.of("@timestamp", DAY1.toString(), "reason", "malformed_json", "input", "http",
                        "original", "{\"user.id\":\"bystander\" broken"))));
        login("admin", Roles.ADMIN);
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void finds_every_event_and_dead_letter_about_the_subject_counted_per_index() {
        DataSubjectReport report = subjects.find(SUBJECT);

        assertThat(report.perIndex()).containsEntry(EVENTS1, 5L).containsEntry(AUDIT_EVENTS1, 1L)
                .containsEntry(EVENTS2, 1L).containsEntry(DEAD1, 1L);
        assertThat(report.events()).isEqualTo(8);
        assertThat(subjects.find(new DataSubject(null, "dsr1@EXAMPLE.com")).perIndex())
                .as("email in any case, also inside messages").containsEntry(EVENTS1, 3L);
        assertThat(subjects.find(new DataSubject(null, null, "DANA SUBJECT")).perIndex()).containsEntry(EVENTS1, 1L);

        JsonNode audit = AuditRecords.await(rest, "data-subject.find", null).getFirst();
        assertThat(audit.path("user").path("name").asString()).isEqualTo("admin");
        assertThat(audit.toString()).doesNotContain(ID).doesNotContainIgnoringCase(EMAIL).contains("anon-");
    }

    @Test
    void compliance_officers_find_within_their_scope_only() {
        login("dsr-officer", Roles.COMPLIANCE);
        assertThat(subjects.find(SUBJECT).events()).isEqualTo(8);

        login("dsr-scoped", Roles.COMPLIANCE);
        DataSubjectReport scoped = subjects.find(SUBJECT);
        assertThat(scoped.events()).as("dead letters carry no organization").isEqualTo(7);
        assertThat(scoped.perIndex()).doesNotContainKey(DEAD1);

        login("dsr-elsewhere", Roles.COMPLIANCE);
        assertThat(subjects.find(SUBJECT).events()).isZero();
    }

    @Test
    void exports_every_event_about_the_subject_as_a_signed_job_that_keeps_no_identifiers() throws IOException {
        login("dsr-officer", Roles.COMPLIANCE);
        ExportJob job = subjects.export(SUBJECT, false);
        await().atMost(Duration.ofMinutes(2)).pollInSameThread().until(() -> exports.job(job.id()).state().finished());
        ExportJob done = exports.job(job.id());

        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        List<String> lines = Files.readAllLines(logwarden.dataDir().resolve("exports").resolve(done.fileName()));
        assertThat(lines).hasSize(8).noneMatch(l -> l.contains("bystander\"")).anyMatch(l -> l.contains(" broken"));
        assertThat(exports.verify(job.id()).valid()).isTrue();
        assertThat(json.writeValueAsString(done.source())).doesNotContain(ID).doesNotContainIgnoringCase(EMAIL)
                .doesNotContainIgnoringCase(NAME);
        assertThat(done.manifest()).doesNotContain(ID).doesNotContainIgnoringCase(EMAIL);
        JsonNode audit = AuditRecords.await(rest, "export", job.id()).getFirst();
        assertThat(audit.path("user").path("name").asString()).isEqualTo("dsr-officer");
        assertThat(audit.path("details").path("purpose").asString()).isEqualTo("data-subject");
        assertThat(audit.path("details").path("rows").asLong()).isEqualTo(8);
        assertThat(audit.toString()).doesNotContain(ID).doesNotContainIgnoringCase(EMAIL).contains("anon-");
    }

    @Test
    void anonymises_events_and_dead_letters_with_a_keyed_hash_and_leaves_others_alone() throws IOException {
        AnonymisationResult result = subjects.anonymise(SUBJECT);

        assertThat(result.matched()).isEqualTo(8);
        assertThat(result.updated()).isEqualTo(8);
        assertThat(result.failures()).isEmpty();
        assertThat(result.pseudonyms()).hasSize(3).allMatch(p -> p.startsWith("anon-"));
        assertThat(subjects.find(SUBJECT).events()).isZero();

        JsonNode c = source(EVENTS1, "dsr-c");
        assertThat(c.path("user").path("id").asString()).startsWith("anon-");
        assertThat(c.path("user").path("email").asString()).startsWith("anon-");
        assertThat(c.path("user").path("name").asString()).startsWith("anon-");
        assertThat(c.path("source").path("ip").isNull()).isTrue();
        assertThat(c.path("message").asString()).doesNotContain(EMAIL).startsWith("mail sent to anon-");
        JsonNode b = source(EVENTS1, "dsr-b");
        assertThat(b.path("user").path("email").asString()).as("same person, same pseudonym, whatever the case")
                .isEqualTo(c.path("user").path("email").asString());
        assertThat(source(EVENTS1, "dsr-m").path("message").asString()).startsWith("contact anon-");
        assertThat(source(EVENTS1, "dsr-n").path("user").path("name").asString()).startsWith("anon-");
        assertThat(source(AUDIT_EVENTS1, "dsr-audit").path("user").path("id").asString()).startsWith("anon-");
        String original = source(DEAD1, "dl-1").path("original").asString();
        assertThat(original).doesNotContain("\"" + ID + "\"").doesNotContain(EMAIL).contains("anon-")
                .as("a longer id is not the user id").contains(ID + "0 is someone else");
        JsonNode a = source(EVENTS1, "dsr-a");
        assertThat(a.path("user").path("id").asString()).isEqualTo(c.path("user").path("id").asString());
        assertThat(a.path("user").path("email").asString()).isEqualTo("other@example.com");
        JsonNode x = source(EVENTS1, "dsr-x");
        assertThat(x.path("user").path("id").asString()).isEqualTo("bystander");
        assertThat(x.path("user").path("name").asString()).isEqualTo("Name of bystander");
        assertThat(x.path("source").path("ip").asString()).isEqualTo("10.0.0.1");
        assertThat(source(DEAD1, "dl-x").path("original").asString()).contains("bystander");

        JsonNode audit = AuditRecords.await(rest, "data-subject.anonymise", null).getFirst();
        assertThat(audit.path("details").path("matched").asLong()).isEqualTo(8);
        assertThat(audit.path("details").path("updated").asLong()).isEqualTo(8);
        assertThat(audit.toString()).doesNotContain(ID).doesNotContainIgnoringCase(EMAIL);
    }

    @Test
    void a_scoped_compliance_officer_anonymises_only_within_the_scope() throws IOException {
        login("dsr-scoped", Roles.COMPLIANCE);

        AnonymisationResult result = subjects.anonymise(SUBJECT);

        assertThat(result.matched()).isEqualTo(7);
        assertThat(source(DEAD1, "dl-1").path("original").asString()).contains(EMAIL);
        JsonNode audit = AuditRecords.await(rest, "data-subject.anonymise", null).getFirst();
        assertThat(audit.path("user").path("name").asString()).isEqualTo("dsr-scoped");
    }

    private static Map<String, Object> named(Map<String, Object> event, String name) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        @SuppressWarnings("unchecked") Map<String, Object> user = new LinkedHashMap<>((Map<String, Object>) event
                .get("user"));
        user.put("name", name);
        copy.put("user", user);
        return copy;
    }

    private JsonNode source(String index, String id) throws IOException {
        var response = rest.performRequest(new Request("GET", "/" + index + "/_source/" + id));
        return json.readTree(response.getEntity().getContent());
    }

    private static void login(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }
}
