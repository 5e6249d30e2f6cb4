package io.logwarden.export;

import java.time.Instant;

/**
 * An export of one widget of a user-built dashboard over a time range.
 *
 * @param dashboardId the dashboard (the caller must be allowed to view it)
 * @param widgetIndex the widget's position on the dashboard, from 0
 * @param from        inclusive start
 * @param to          exclusive end
 * @param format      file format
 * @param gzip        whether to compress the file (CSV and NDJSON)
 */
public record WidgetExportRequest(String dashboardId, int widgetIndex, Instant from, Instant to, ExportFormat format,
                                  boolean gzip) {

    public WidgetExportRequest {
        if (dashboardId == null || dashboardId.isBlank()) {
            throw new IllegalArgumentException("Give the dashboard of the widget");
        }
        if (widgetIndex < 0) {
            throw new IllegalArgumentException("'widget' is the widget's position on the dashboard, from 0");
        }
        if (format == null) {
            throw new IllegalArgumentException("Choose a format: CSV, NDJSON or XLSX");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("Give a time range with from before to");
        }
        if (gzip && format == ExportFormat.XLSX) {
            throw new IllegalArgumentException("XLSX files are already compressed: gzip is for CSV and NDJSON");
        }
    }
}
