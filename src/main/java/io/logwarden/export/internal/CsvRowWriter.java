package io.logwarden.export.internal;

import io.logwarden.base.CsvCells;
import io.logwarden.storage.ScannedEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** RFC 4180 CSV with a header row; cells that a spreadsheet would run as a formula are neutralised (OWASP). */
final class CsvRowWriter implements RowWriter {

    private final Writer out;
    private final List<String> fields;
    private final JsonMapper json;

    CsvRowWriter(OutputStream out, List<String> fields, JsonMapper json) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.fields = fields;
        this.json = json;
    }

    @Override
    public void begin() throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(CsvCells.header(fields.get(i)));
        }
        out.write("\r\n");
    }

    @Override
    public void write(ScannedEvent event) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(CsvCells.cell(text(FieldValues.get(event, fields.get(i)))));
        }
        out.write("\r\n");
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private String text(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> s;
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            default -> json.writeValueAsString(value);
        };
    }
}
