package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.security.Roles;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@LogwardenIntegrationTest
class DataSubjectIT {

    static final Instant DAY1 = Instant.parse("2019-05-01T08:00:00Z");
    static final Instant DAY2 = Instant.parse("2019-05-02T08:00:00Z");
    static final String ID = "dsr-user-1";
    static final String EMAIL = "dsr1@example.com";

    @Autowired
    RestClient rest;
    @Autowired
    DataSubjectService subjects;
    @Autowired
    ExportService exports;
    @Autowired
    LogwardenProperties logwarden;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void load() {
        TestEvents.load(rest, IndexNames.eventsIndex(DAY1), List.of(
                Map.entry("dsr-a", TestEvents.event(DAY1, "a", "org", "svc", ID, "other@example.com", "login")),
                Map.entry("dsr-b", TestEvents.event(DAY1.plusSeconds(1), "b", "org", "svc", "someone-else", EMAIL,
                        "password reset")),
                Map.entry("dsr-c", TestEvents.event(DAY1.plusSeconds(2), "c", "org", "svc", ID, EMAIL,
                        "mail sent to " + EMAIL + " today")),
                Map.entry("dsr-x", TestEvents.event(DAY1.plusSeconds(3), "x", "org", "svc", "bystander",
                        "bystander@example.com", "unrelated"))));
        TestEvents.load(rest, IndexNames.eventsIndex(DAY2), List.of(
                Map.entry("dsr-d", TestEvents.event(DAY2, "d", "org", "svc", ID, EMAIL, "logout"))));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN))));
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void finds_and_exports_every_event_about_the_subject_across_daily_indices() throws IOException {
        DataSubjectReport report = subjects.find(new DataSubject(ID, EMAIL));

        assertThat(report.events()).isEqualTo(4);
        assertThat(report.perIndex()).containsEntry(IndexNames.eventsIndex(DAY1), 3L)
                .containsEntry(IndexNames.eventsIndex(DAY2), 1L);

        ExportJob job = subjects.export(new DataSubject(ID, EMAIL), false);
        await().atMost(Duration.ofMinutes(2)).pollInSameThread().until(() -> exports.job(job.id()).state().finished());
        ExportJob done = exports.job(job.id());
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        List<String> lines = Files.readAllLines(logwarden.dataDir().resolve("exports").resolve(done.fileName()));
        assertThat(lines).hasSize(4).noneMatch(l -> l.contains("bystander"));
        assertThat(exports.verify(job.id()).valid()).isTrue();
    }

    @Test
    void anonymises_the_subject_with_a_keyed_hash_and_leaves_others_alone() throws IOException {
        AnonymisationResult result = subjects.anonymise(new DataSubject(ID, EMAIL));

        assertThat(result.matched()).isEqualTo(4);
        assertThat(result.updated()).isEqualTo(4);
        assertThat(result.failures()).isEmpty();
        assertThat(result.pseudonyms()).hasSize(2).allMatch(p -> p.startsWith("anon-"));
        assertThat(subjects.find(new DataSubject(ID, EMAIL)).events()).isZero();

        JsonNode c = source(IndexNames.eventsIndex(DAY1), "dsr-c");
        assertThat(c.path("user").path("id").asString()).startsWith("anon-");
        assertThat(c.path("user").path("email").asString()).startsWith("anon-");
        assertThat(c.path("user").path("name").asString()).startsWith("anon-");
        assertThat(c.path("source").path("ip").isNull()).isTrue();
        assertThat(c.path("message").asString()).doesNotContain(EMAIL).startsWith("mail sent to anon-");
        JsonNode a = source(IndexNames.eventsIndex(DAY1), "dsr-a");
        assertThat(a.path("user").path("id").asString()).isEqualTo(c.path("user").path("id").asString());
        assertThat(a.path("user").path("email").asString()).isEqualTo("other@example.com");
        JsonNode x = source(IndexNames.eventsIndex(DAY1), "dsr-x");
        assertThat(x.path("user").path("id").asString()).isEqualTo("bystander");
        assertThat(x.path("user").path("name").asString()).isEqualTo("Name of bystander");
        assertThat(x.path("source").path("ip").asString()).isEqualTo("10.0.0.1");
    }

    private JsonNode source(String index, String id) throws IOException {
        var response = rest.performRequest(new Request("GET", "/" + index + "/_source/" + id));
        return json.readTree(response.getEntity().getContent());
    }
}
