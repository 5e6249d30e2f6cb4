package io.logwarden.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.export.TestEvents;
import io.logwarden.security.Roles;
import io.logwarden.storage.IndexLifecycle;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
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

@LogwardenIntegrationTest
class RetentionIT {

    /** "Now" of the plan: far before any other test's data, so nothing else is ever past retention. */
    static final Instant NOW = Instant.parse("2000-02-10T12:00:00Z");

    @Autowired
    RestClient rest;
    @Autowired
    IndexLifecycle lifecycle;
    @Autowired
    RetentionService retention;
    @Autowired
    ObjectProvider<java.time.Clock> clock;
    @Autowired
    io.logwarden.audit.AuditService audit;

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
        String dead01 = create(IndexNames.DEAD_LETTER, "2000-01-01");
        String dead26 = create(IndexNames.DEAD_LETTER, "2000-01-26");
        String dead27 = create(IndexNames.DEAD_LETTER, "2000-01-27");
        RetentionProperties properties = new RetentionProperties(true, "0 30 3 * * *", Duration.ofDays(30),
                Duration.ofDays(365), Duration.ofDays(14), Duration.ofDays(90), Duration.ofDays(90),
                List.of(new RetentionProperties.LegalHold(List.of(RetentionCategory.APPLICATION),
                        LocalDate.parse("2000-01-04"), LocalDate.parse("2000-01-06"), "case 42")));
        RetentionService service = new RetentionService(lifecycle, properties, clock, audit);

        RetentionPlan preview = service.plan(NOW);

        // application: cutoff 2000-01-11T12:00, so days up to 01-10 are past retention; 01-05 is held
        assertThat(action(preview, events01)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(preview, events05)).isEqualTo(RetentionDecision.Action.HOLD);
        assertThat(action(preview, events10)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(preview, events11)).isEqualTo(RetentionDecision.Action.KEEP);
        assertThat(action(preview, audit01)).isEqualTo(RetentionDecision.Action.KEEP);
        // dead letter: 14 days, cutoff 2000-01-27T12:00
        assertThat(action(preview, dead01)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(preview, dead26)).isEqualTo(RetentionDecision.Action.DELETE);
        assertThat(action(preview, dead27)).isEqualTo(RetentionDecision.Action.KEEP);
        assertThat(preview.deletions()).extracting(RetentionDecision::index)
                .containsExactlyInAnyOrder(events01, events10, dead01, dead26);
        assertThat(exists(events01)).as("a dry run deletes nothing").isTrue();

        RetentionPlan applied = service.execute(preview, "test");

        assertThat(applied.failures()).isEmpty();
        assertThat(List.of(events01, events10, dead01, dead26)).noneMatch(this::exists);
        assertThat(List.of(events05, events11, audit01, dead27)).allMatch(this::exists);
    }

    @Test
    void preview_and_apply_are_for_admins_only() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "someone", "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + Roles.COMPLIANCE))));
        assertThatThrownBy(() -> retention.preview()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> retention.apply()).isInstanceOf(AccessDeniedException.class);
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

    private static RetentionDecision.Action action(RetentionPlan plan, String index) {
        return plan.decisions().stream().filter(d -> d.index().equals(index)).findFirst().orElseThrow().action();
    }
}
