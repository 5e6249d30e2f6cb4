package io.logwarden.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.storage.ScannedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CsvRowWriterTest {

    @Test
    void neutralises_cells_that_start_a_formula() {
        assertThat(CsvRowWriter.cell("=1+2")).isEqualTo("\"'=1+2\"");
        assertThat(CsvRowWriter.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(CsvRowWriter.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(CsvRowWriter.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(CsvRowWriter.cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(CsvRowWriter.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvRowWriter.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void quotes_separators_quotes_and_line_breaks_only_where_needed() {
        assertThat(CsvRowWriter.cell("plain")).isEqualTo("plain");
        assertThat(CsvRowWriter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvRowWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvRowWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvRowWriter.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void writes_nested_dotted_fields_and_json_for_structured_values() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvRowWriter writer = new CsvRowWriter(out, List.of("_id", "user.id", "user.roles", "missing"),
                JsonMapper.builder().build());
        writer.begin();
        writer.write(new ScannedEvent("idx", "doc-1", Map.of("user", Map.of("id", "u1", "roles", List.of("a", "b")))));
        writer.write(new ScannedEvent("idx", "doc-2", Map.of("user.id", "u2")));
        writer.end();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "_id,user.id,user.roles,missing\r\ndoc-1,u1,\"[\"\"a\"\",\"\"b\"\"]\",\r\ndoc-2,u2,,\r\n");
    }
}
