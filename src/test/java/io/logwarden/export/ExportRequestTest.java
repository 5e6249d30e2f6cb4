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
    void needs_columns_for_csv_and_xlsx_but_not_for_ndjson() {
        assertThatThrownBy(() -> new ExportRequest("", FROM, TO, List.of(), ExportFormat.CSV, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fields");
        assertThat(new ExportRequest("", FROM, TO, null, ExportFormat.NDJSON, true).fields()).isEmpty();
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
}
