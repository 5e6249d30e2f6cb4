package io.logwarden.export;

/** No export with that id exists, or it belongs to someone else. */
public class ExportNotFoundException extends RuntimeException {

    public ExportNotFoundException(String id) {
        super("No export " + id);
    }
}
