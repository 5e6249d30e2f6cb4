package io.logwarden.export;

/** File formats of an export. */
public enum ExportFormat {
    CSV("csv", "text/csv; charset=utf-8"),
    NDJSON("ndjson", "application/x-ndjson"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether a half-written file can be continued after a restart (XLSX is a zip archive: it cannot). */
    public boolean appendable() {
        return this != XLSX;
    }
}
