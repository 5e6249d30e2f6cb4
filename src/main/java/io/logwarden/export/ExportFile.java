package io.logwarden.export;

import java.nio.file.Path;

/** A finished export file, ready to be streamed to its owner. */
public record ExportFile(Path path, String fileName, String contentType, long size) {
}
