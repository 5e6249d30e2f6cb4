package io.logwarden.export.internal;

import io.logwarden.storage.ScannedEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** One JSON object per line: the whole event, or the chosen fields as flat dotted keys. */
final class NdjsonRowWriter implements RowWriter {

    private final OutputStream out;
    private final List<String> fields;
    private final JsonMapper json;

    NdjsonRowWriter(OutputStream out, List<String> fields, JsonMapper json) {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.fields = fields;
        this.json = json;
    }

    @Override
    public void begin() {
    }

    @Override
    public void write(ScannedEvent event) throws IOException {
        Object row = event.source();
        if (!fields.isEmpty()) {
            Map<String, Object> selected = new LinkedHashMap<>();
            for (String field : fields) {
                selected.put(field, FieldValues.get(event, field));
            }
            row = selected;
        }
        out.write(json.writeValueAsBytes(row));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
