package io.logwarden.analytics;

import java.time.Instant;
import java.util.List;

/** The data behind a chart as CSV (RFC 4180, header row first), for download. */
public final class Csv {

    private Csv() {
    }

    /** One row per bucket: {@code bucket_start} then one column per series; empty cells where there is no value. */
    public static String of(TimeSeries series) {
        StringBuilder csv = new StringBuilder("bucket_start");
        for (TimeSeries.Series s : series.series()) {
            csv.append(',').append(cell(s.name()));
        }
        csv.append("\r\n");
        List<Instant> starts = series.starts();
        for (int i = 0; i < starts.size(); i++) {
            csv.append(starts.get(i));
            for (TimeSeries.Series s : series.series()) {
                csv.append(',').append(number(s.values()[i]));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    /** One row per value, then {@code (other values)} and {@code (missing)} rows when non-zero. */
    public static String of(Breakdown breakdown) {
        StringBuilder csv = new StringBuilder(cell(breakdown.field())).append(",count\r\n");
        for (Breakdown.Entry entry : breakdown.entries()) {
            csv.append(cell(entry.key())).append(',').append(entry.count()).append("\r\n");
        }
        if (breakdown.others() > 0) {
            csv.append("(other values),").append(breakdown.others()).append("\r\n");
        }
        if (breakdown.missing() > 0) {
            csv.append("(missing),").append(breakdown.missing()).append("\r\n");
        }
        return csv.toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(Math.round(value * 1000) / 1000.0);
    }

    /** Quotes a cell with a comma, quote or line break; neutralises spreadsheet formulas (the exports' encoder). */
    static String cell(String value) {
        return io.logwarden.base.CsvCells.cell(value);
    }
}
