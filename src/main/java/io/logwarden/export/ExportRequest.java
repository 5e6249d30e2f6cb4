package io.logwarden.export;

import java.time.Instant;
import java.util.List;

/**
 * What to export: a search (Lucene query string and time range) and the fields to write.
 *
 * @param query  Lucene query syntax; blank exports every event in the range
 * @param from   inclusive start of the range
 * @param to     exclusive end of the range
 * @param fields event fields to write, in column order; {@code _id} and {@code _index} are the document's id and
 *               index; empty writes whole events (NDJSON only)
 * @param format file format
 * @param gzip   whether to compress the file (CSV and NDJSON)
 */
public record ExportRequest(String query, Instant from, Instant to, List<String> fields, ExportFormat format,
                            boolean gzip) {

    public ExportRequest {
        query = query == null ? "" : query.strip();
        fields = fields == null ? List.of() : fields.stream().map(String::strip).filter(f -> !f.isEmpty())
                .distinct().toList();
        if (format == null) {
            throw new IllegalArgumentException("Choose a format: CSV, NDJSON or XLSX");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("Give a time range with from before to");
        }
        if (fields.isEmpty() && format != ExportFormat.NDJSON) {
            throw new IllegalArgumentException("Choose the fields (columns) of a " + format + " export");
        }
        if (gzip && format == ExportFormat.XLSX) {
            throw new IllegalArgumentException("XLSX files are already compressed: gzip is for CSV and NDJSON");
        }
    }
}
