package io.logwarden.export;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to export: a search (Lucene query string and time range) and the fields to write.
 *
 * @param query  Lucene query syntax, validated and interpreted as Search does; blank exports every event in range
 * @param from   inclusive start of the range
 * @param to     exclusive end of the range
 * @param fields event fields to write, in column order; {@code _id} and {@code _index} are the document's id and
 *               index; empty writes whole events (NDJSON), or a widget's columns
 * @param format file format
 * @param gzip   whether to compress the file (CSV and NDJSON)
 */
public record ExportRequest(String query, Instant from, Instant to, List<String> fields, ExportFormat format,
                            boolean gzip) {

    /** A field name: letters, digits, {@code _ . -}, not starting with a formula character; or {@code @timestamp}. */
    private static final Pattern FIELD = Pattern.compile("@timestamp|[\\p{L}\\p{N}_][\\p{L}\\p{N}_.\\-]*");

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
        for (String field : fields) {
            if (field.length() > 256 || !FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("'" + field + "' is not a field name (letters, digits, _ . -)");
            }
        }
        if (gzip && format == ExportFormat.XLSX) {
            throw new IllegalArgumentException("XLSX files are already compressed: gzip is for CSV and NDJSON");
        }
    }
}
