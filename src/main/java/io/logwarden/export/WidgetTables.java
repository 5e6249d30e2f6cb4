package io.logwarden.export;

import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.TimeSeries;
import io.logwarden.analytics.WidgetData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A widget's data as the rows of a file, laid out like the dashboard's chart CSV. */
final class WidgetTables {

    static final String OTHER_VALUES = "(other values)";
    static final String MISSING = "(missing)";

    private WidgetTables() {
    }

    static WidgetTable of(String dashboardId, int widgetIndex, WidgetData data) {
        String title = data.widget().title();
        String type = data.widget().type().name();
        if (data.series() != null) {
            return series(dashboardId, widgetIndex, title, type, data.series());
        }
        if (data.breakdown() != null) {
            return breakdown(dashboardId, widgetIndex, title, type, data.breakdown());
        }
        List<List<Object>> rows = List.of(Arrays.asList((Object) (data.number() == null ? 0L : data.number())));
        return new WidgetTable(dashboardId, widgetIndex, title, type, List.of("count"), rows);
    }

    /** One row per bucket: {@code bucket_start}, then one column per series (null where there is no value). */
    private static WidgetTable series(String dashboardId, int widgetIndex, String title, String type,
                                      TimeSeries series) {
        List<String> columns = new ArrayList<>(List.of("bucket_start"));
        series.series().forEach(s -> columns.add(s.name()));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < series.starts().size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add(series.starts().get(i).toString());
            for (TimeSeries.Series s : series.series()) {
                double value = s.values()[i];
                row.add(Double.isNaN(value) ? null : number(value));
            }
            rows.add(row);
        }
        return new WidgetTable(dashboardId, widgetIndex, title, type, columns, rows);
    }

    /** One row per value with its count, then the other values and the events without the field. */
    private static WidgetTable breakdown(String dashboardId, int widgetIndex, String title, String type,
                                         Breakdown breakdown) {
        List<List<Object>> rows = new ArrayList<>();
        breakdown.entries().forEach(e -> rows.add(List.of(e.key(), e.count())));
        if (breakdown.others() > 0) {
            rows.add(List.of(OTHER_VALUES, breakdown.others()));
        }
        if (breakdown.missing() > 0) {
            rows.add(List.of(MISSING, breakdown.missing()));
        }
        return new WidgetTable(dashboardId, widgetIndex, title, type, List.of(breakdown.field(), "count"), rows);
    }

    private static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }
}
