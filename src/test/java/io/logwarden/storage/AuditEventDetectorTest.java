package io.logwarden.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventDetectorTest {

    private static boolean audit(String json) {
        return AuditEventDetector.isAudit(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void events_with_audit_fields_or_the_audit_category_are_audit_events() {
        assertThat(audit("{\"@timestamp\":\"x\",\"message\":\"m\",\"audit\":{\"source\":\"user\"}}")).isTrue();
        assertThat(audit("{\"audit.status\":\"success\"}")).isTrue();
        assertThat(audit("{\"event\":{\"action\":\"login\",\"category\":[\"authentication\",\"audit\"]}}")).isTrue();
        assertThat(audit("{\"event\":{\"category\":\"AUDIT\"}}")).isTrue();
        assertThat(audit("{\"event.category\":[\"audit\"]}")).isTrue();
        assertThat(audit(" { \"labels\" : {} , \"audit\" : { \"before\" : {\"a\":[1,{\"b\":\"}\"}]} } }")).isTrue();
    }

    @Test
    void application_logs_and_lookalikes_are_not() {
        assertThat(audit("{\"@timestamp\":\"x\",\"message\":\"audit log rotated\",\"log\":{\"level\":\"info\"}}"))
                .isFalse();
        assertThat(audit("{\"message\":\"\\\"audit\\\":{\",\"event\":{\"category\":[\"web\"]}}")).isFalse();
        assertThat(audit("{\"labels\":{\"audit\":\"yes\",\"event\":{\"category\":\"audit\"}}}")).isFalse();
        assertThat(audit("{\"auditor\":\"x\",\"event\":{\"category\":\"auditing\"}}")).isFalse();
        assertThat(audit("{\"message\":\"a\\\\\",\"x\":1}")).isFalse();
        assertThat(audit("not json")).isFalse();
        assertThat(audit("{\"message\":\"truncated")).isFalse();
        assertThat(audit("")).isFalse();
    }

    @Test
    void the_family_picks_a_daily_index_that_the_audit_trail_pattern_does_not_match() {
        Instant t = Instant.parse("2026-03-04T05:06:07Z");
        String auditIndex = EventFamily.indexOf("{\"audit\":{\"status\":\"success\"}}".getBytes(), t.toEpochMilli());
        assertThat(auditIndex).isEqualTo("logwarden-events-audit-2026.03.04")
                .doesNotStartWith(IndexNames.AUDIT + "-").startsWith(IndexNames.EVENTS + "-");
        assertThat(EventFamily.indexOf("{\"message\":\"x\"}".getBytes(), t.toEpochMilli()))
                .isEqualTo("logwarden-events-2026.03.04");
        assertThat(IndexNames.dayOf(IndexNames.EVENTS, auditIndex)).as("not an application day index").isEmpty();
        assertThat(IndexNames.dayOf(IndexNames.AUDIT_EVENTS, auditIndex)).isPresent();
    }

    @Test
    void the_word_prefilter_agrees_with_the_full_read_and_looks_only_inside_the_document() {
        long t = Instant.parse("2026-03-04T05:06:07Z").toEpochMilli();
        for (String json : java.util.List.of("{\"audit\":{\"status\":\"success\"}}", "{\"AUDIT.x\":1}",
                "{\"event\":{\"category\":\"Audit\"}}", "{\"message\":\"x\"}", "{\"auditor\":\"x\"}",
                "{\"message\":\"audit\"}", "{\"a\":\"audi\"}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(EventFamily.indexOf(bytes, 0, bytes.length, t)).as(json).isEqualTo(EventFamily.indexOf(bytes, t));
        }
        byte[] entry = "xx{\"message\":\"m\"}{\"audit\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThat(EventFamily.indexOf(entry, 2, 15, t)).isEqualTo("logwarden-events-2026.03.04");
    }
}
