package io.logwarden.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.audit.AuditService;
import io.logwarden.export.AuditRecords;
import io.logwarden.export.TestEvents;
import io.logwarden.security.AccessService;
import io.logwarden.security.Roles;
import io.logwarden.storage.IndexLifecycle;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

@LogwardenIntegrationTest
class RetentionIT {

    /** "Now" of the plans: far before any other test's data, so nothing else is ever past retention. */
    static final Instant NOW = Instant.parse("2000-02-10T12:00:00Z");

    @Autowired
    RestClient rest;
    @Autowired
    IndexLifecycle lifecycle;
    @Autowired
    RetentionService retention;
    @Autowired
    ObjectProvider<Clock> clock;
    @Autowired
    AuditService audit;
    @Autowired
    AccessService access;

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void deletes_only_indices_past_their_category_retention_and_honours_legal_holds() {
        String events01 = create(IndexNames.EVENTS, "2000-01-01");
        String events05 = create(IndexNames.EVENTS, "2000-01-05");
        String events10 = create(IndexNames.EVENTS, "2000-01-10");
        String events11 = create(IndexNames.EVENTS, "2000-01-11");
        String audit01 = create(IndexNames.AUDIT, "2000-01-01");
        String auditEvents01 = create(IndexNames.AUDIT_EVENTS, "2000-01-01");
        String dead01 = create(IndexNames.DEAD_LETTER, "2000-01-01");
        String dead26 = create(IndexNames.DEAD_LETTER, "2000-01-26");
        String dead27 = create(IndexNames.DEAD_LETTER, "2000-01-27");
        RetentionService service = service(List.of(new RetentionProperties.LegalHold(
                List.of(RetentionCategory.APPLICATION), LocalDate.parse("2000-01-04"), LocalDate.parse("2000-01-06"),
                "case 42")));

        RetentionPlan preview = service.plan(NOW);

        // application: cutoff 2000-01-11T12:00, so days up to 01-10 are past retention; 01-05 is held
        assertThat(action(preview, events01)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(preview, events05)).isEqualTo(RetentionDecision.Action.HOLD);
        assertThat(action(preview, events10)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(preview, events11)).isEqualTo(RetentionDecision.Action.KEEP);
        assertThat(action(preview, audit01)).isEqualTo(RetentionDecision.Action.KEEP);
        assertThat(decision(preview, auditEvents01).category()).as("audit events are not application logs")
                .isEqualTo(RetentionCategory.AUDIT_EVENTS);
        assertThat(action(preview, auditEvents01)).isEqualTo(RetentionDecision.Action.KEEP);
        // dead letter: 14 days, cutoff 2000-01-27T12:00
        assertThat(action(preview, dead01)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(preview, dead26)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(preview, dead27)).isEqualTo(RetentionDecision.Action.KEEP);
        assertThat(preview.deletions()).extracting(RetentionDecision::index)
                .containsExactlyInAnyOrder(events01, events10, dead01, dead26);
        assertThat(exists(events01)).as("a dry run deletes nothing").isTrue();

        RetentionPlan applied = service.execute(preview, "retention-tester", "test");

        assertThat(applied.failures()).isEmpty();
        assertThat(List.of(events01, events10, dead01, dead26)).noneMatch(this::exists);
        assertThat(List.of(events05, events11, audit01, auditEvents01, dead27)).allMatch(this::exists);
    }

    @Test
    void the_audit_families_keep_their_year_and_honour_a_legal_hold() {
        String auditEvents = create(IndexNames.AUDIT_EVENTS, "2000-03-01");
        String heldAuditEvents = create(IndexNames.AUDIT_EVENTS, "2000-03-02");
        String trail = create(IndexNames.AUDIT, "2000-03-01");
        String heldTrail = create(IndexNames.AUDIT, "2000-03-02");
        String application = create(IndexNames.EVENTS, "2000-03-01");
        RetentionService service = service(List.of(new RetentionProperties.LegalHold(
                List.of(RetentionCategory.AUDIT_EVENTS, RetentionCategory.AUDIT), LocalDate.parse("2000-03-02"),
                LocalDate.parse("2000-03-02"), "investigation 7")));

        RetentionPlan withinYear = service.plan(Instant.parse("2001-02-01T00:00:00Z"));
        assertThat(action(withinYear, application)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(withinYear, auditEvents)).isEqualTo(RetentionDecision.Action.KEEP);
        assertThat(action(withinYear, trail)).isEqualTo(RetentionDecision.Action.KEEP);

        RetentionPlan afterYear = service.plan(Instant.parse("2001-03-10T00:00:00Z"));
        assertThat(action(afterYear, auditEvents)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(afterYear, trail)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(decision(afterYear, heldAuditEvents).action()).isEqualTo(RetentionDecision.Action.HOLD);
        assertThat(decision(afterYear, heldAuditEvents).reason()).contains("investigation 7");
        assertThat(action(afterYear, heldTrail)).isEqualTo(RetentionDecision.Action.HOLD);
        assertThat(afterYear.decisions()).filteredOn(d -> d.index().equals(auditEvents)).hasSize(1);

        service.execute(afterYear, "retention-tester", "test");

        assertThat(List.of(auditEvents, trail, application)).noneMatch(this::exists);
        assertThat(List.of(heldAuditEvents, heldTrail)).allMatch(this::exists);
    }

    @Test
    void applying_deletes_exactly_the_previewed_indices_still_due_and_audits_the_acting_admin() {
        String previewedAndDue = create(IndexNames.EVENTS, "2000-04-01");
        String dueButNotPreviewed = create(IndexNames.EVENTS, "2000-04-02");
        String heldSinceThePreview = create(IndexNames.EVENTS, "2000-04-03");
        RetentionService service = service(List.of(new RetentionProperties.LegalHold(List.of(),
                LocalDate.parse("2000-04-03"), LocalDate.parse("2000-04-03"), "new hold")));

        RetentionPlan applied = service.apply(List.of(previewedAndDue, heldSinceThePreview, "logwarden-events-x"),
                Instant.parse("2000-06-01T00:00:00Z"), "retention-admin");

        assertThat(exists(previewedAndDue)).isFalse();
        assertThat(exists(dueButNotPreviewed)).as("not in the preview").isTrue();
        assertThat(exists(heldSinceThePreview)).as("held meanwhile").isTrue();
        assertThat(applied.skipped()).hasSize(2).anyMatch(s -> s.startsWith(heldSinceThePreview + ": HOLD"));
        JsonNode record = AuditRecords.await(rest, "retention.delete", previewedAndDue).getFirst();
        assertThat(record.path("user").path("name").asString()).isEqualTo("retention-admin");
        assertThat(record.path("details").path("trigger").asString()).isEqualTo("admin request");
        assertThat(record.path("details").path("category").asString()).isEqualTo("APPLICATION");
        assertThat(record.path("details").path("documents").asLong()).isEqualTo(1);
        assertThat(record.path("details").path("day").asString()).isEqualTo("2000-04-01");
    }

    @Test
    void the_schedule_deletes_as_the_system() {
        String index = create(IndexNames.DEAD_LETTER, "2000-05-01");
        RetentionService service = service(List.of());

        service.execute(service.plan(Instant.parse("2000-06-01T00:00:00Z")), RetentionService.SYSTEM, "schedule");

        assertThat(exists(index)).isFalse();
        JsonNode record = AuditRecords.await(rest, "retention.delete", index).getFirst();
        assertThat(record.path("user").path("name").asString()).isEqualTo("system");
        assertThat(record.path("details").path("trigger").asString()).isEqualTo("schedule");
    }

    @Test
    void preview_and_apply_are_for_admins_only() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "someone", "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + Roles.COMPLIANCE))));
        assertThatThrownBy(() -> retention.preview()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> retention.apply(List.of())).isInstanceOf(AccessDeniedException.class);
    }

    private RetentionService service(List<RetentionProperties.LegalHold> holds) {
        RetentionProperties properties = new RetentionProperties(true, "0 30 3 * * *", Duration.ofDays(30),
                Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(14), Duration.ofDays(90),
                Duration.ofDays(90), holds);
        return new RetentionService(lifecycle, properties, clock, audit, access);
    }

    private String create(String family, String day) {
        Instant timestamp = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
        String index = IndexNames.daily(family, timestamp);
        TestEvents.load(rest, index, List.of(Map.entry("r-" + day, Map.of("@timestamp", timestamp.toString(),
                "message", "retention probe"))));
        return index;
    }

    private boolean exists(String index) {
        return lifecycle.dailyIndices(index.substring(0, index.length() - 11)).stream()
                .anyMatch(i -> i.name().equals(index));
    }

    private static RetentionDecision decision(RetentionPlan plan, String index) {
        return plan.decisions().stream().filter(d -> d.index().equals(index)).findFirst().orElseThrow();
    }

    private static RetentionDecision.Action action(RetentionPlan plan, String index) {
        return decision(plan, index).action();
    }
}
