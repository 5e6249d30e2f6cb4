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

    @Test
    void header_is_not_neutralised_but_cells_are() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvRowWriter writer = new CsvRowWriter(out, List.of("@timestamp", "message"), JsonMapper.builder().build());
        writer.begin();
        writer.write(new ScannedEvent("idx", "1", Map.of("@timestamp", "2026-01-01T00:00:00Z",
                "message", "@SUM(A1)")));
        writer.end();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("@timestamp,message\r\n2026-01-01T00:00:00Z,\"'@SUM(A1)\"\r\n");
    }
}
