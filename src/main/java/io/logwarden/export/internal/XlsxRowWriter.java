package io.logwarden.export.internal;

import io.logwarden.storage.ScannedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streaming XLSX with fastexcel: rows are flushed to the archive page by page and text is written as inline strings
 * (not into the shared-strings table, which fastexcel keeps in memory until the end), so memory stays flat whatever
 * the number of distinct values. A sheet holds at most 1,048,576 rows; further rows continue on the next sheet, each
 * with the header row. Cells are written as strings or numbers, never as formulas.
 */
final class XlsxRowWriter implements RowWriter {

    static final int MAX_ROWS_PER_SHEET = 1_048_576;

    private final Workbook workbook;
    private final List<String> fields;
    private final JsonMapper json;
    private Worksheet sheet;
    private int sheets;
    private int row;

    XlsxRowWriter(OutputStream out, List<String> fields, JsonMapper json) {
        this.workbook = new Workbook(out, "Logwarden", "1.0");
        this.fields = fields;
        this.json = json;
    }

    @Override
    public void begin() throws IOException {
        newSheet();
    }

    private void newSheet() throws IOException {
        if (sheet != null) {
            sheet.finish();
        }
        sheets++;
        sheet = workbook.newWorksheet(sheets == 1 ? "export" : "export-" + sheets);
        for (int c = 0; c < fields.size(); c++) {
            sheet.inlineString(0, c, fields.get(c));
        }
        row = 1;
    }

    @Override
    public void write(ScannedEvent event) throws IOException {
        if (row == MAX_ROWS_PER_SHEET) {
            newSheet();
        }
        for (int c = 0; c < fields.size(); c++) {
            switch (FieldValues.get(event, fields.get(c))) {
                case null -> {
                }
                case Number n -> sheet.value(row, c, n);
                case Boolean b -> sheet.value(row, c, b);
                case String s -> sheet.inlineString(row, c, s);
                case Object o -> sheet.inlineString(row, c, json.writeValueAsString(o));
            }
        }
        row++;
    }

    @Override
    public void flush() throws IOException {
        sheet.flush();
    }

    @Override
    public void end() throws IOException {
        sheet.finish();
        workbook.finish();
    }
}
