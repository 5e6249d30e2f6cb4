package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportRequestTest {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-02T00:00:00Z");

    @Test
    void rejects_an_empty_or_reversed_range() {
        assertThatThrownBy(() -> new ExportRequest("", TO, FROM, List.of("message"), ExportFormat.CSV, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from before to");
    }

    @Test
    void refuses_gzip_for_xlsx() {
        assertThatThrownBy(() -> new ExportRequest("", FROM, TO, List.of("message"), ExportFormat.XLSX, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already compressed");
    }

    @Test
    void trims_and_deduplicates_fields() {
        assertThat(new ExportRequest(null, FROM, TO, List.of(" message ", "message", "", "log.level"),
                ExportFormat.CSV, false).fields()).containsExactly("message", "log.level");
    }

    @Test
    void refuses_field_names_that_could_be_formulas_or_are_not_names() {
        assertThat(new ExportRequest("", FROM, TO, List.of("@timestamp", "labels.customer_phone", "_id"),
                ExportFormat.CSV, false).fields()).hasSize(3);
        for (String bad : List.of("=cmd()", "+1", "-x", "@evil", "a b", "a,b")) {
            assertThatThrownBy(() -> new ExportRequest("", FROM, TO, List.of(bad), ExportFormat.CSV, false))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a field name");
        }
    }
}
