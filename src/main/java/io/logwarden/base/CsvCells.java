package io.logwarden.base;

/**
 * The one CSV cell encoder of Logwarden (export files and dashboard chart downloads): RFC 4180 quoting plus the
 * OWASP CSV-injection rule, so a spreadsheet never runs a cell as a formula.
 */
public final class CsvCells {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {
    }

    /** Whether a spreadsheet could read the value as a formula: it starts with {@code = + - @}, tab or CR. */
    public static boolean dangerous(String value) {
        return value != null && !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
    }

    /** A dangerous value prefixed with a single quote (OWASP), others unchanged. */
    public static String neutralise(String value) {
        return dangerous(value) ? "'" + value : value;
    }

    /**
     * One data cell: neutralised, then quoted when it holds a separator, a quote or a line break (or was
     * neutralised, so the quote and the value stay together).
     */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean dangerous = dangerous(value);
        String safe = dangerous ? "'" + value : value;
        boolean quote = dangerous || safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /**
     * One header cell. Column names are event field names, which are not formulas: {@code @timestamp} is written
     * as is; anything else (e.g. a chart's series named by a data value) is encoded like a data cell.
     */
    public static String header(String name) {
        return "@timestamp".equals(name) ? name : cell(name);
    }
}
