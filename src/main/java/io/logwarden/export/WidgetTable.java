package io.logwarden.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The aggregated data of a dashboard widget as a table: a time series as one row per bucket and one column per
 * series, a breakdown as one row per value, a single number as one row. Computed when the export is submitted (in
 * the caller's scope, with personal values pseudonymised as on the dashboard) and kept with the job, so the file
 * shows what the dashboard showed.
 *
 * @param dashboardId the dashboard the widget belongs to
 * @param widgetIndex the widget's position on it, from 0
 * @param title       the widget's title
 * @param type        the widget's type ({@code TIME_SERIES}, ...)
 * @param columns     column names; the first is the bucket start or the field
 * @param rows        the cells, one list per row, in column order; numbers, text or null
 */
public record WidgetTable(String dashboardId, int widgetIndex, String title, String type, List<String> columns,
                          List<List<Object>> rows) {

    public WidgetTable {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        rows.forEach(row -> copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row))));
        rows = List.copyOf(copy);
    }
}
