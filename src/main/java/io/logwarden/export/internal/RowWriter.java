package io.logwarden.export.internal;

import io.logwarden.storage.ScannedEvent;
import java.io.IOException;

/** Writes rows of one export format to an {@link ExportSink}. */
interface RowWriter {

    /** Called once, before the first row of a new (not resumed) file. */
    void begin() throws IOException;

    void write(ScannedEvent event) throws IOException;

    /** Pushes buffered rows into the sink so that a sink checkpoint covers them. */
    void flush() throws IOException;

    /** Writes whatever closes the file (XLSX: the archive's directory). */
    void end() throws IOException;
}
