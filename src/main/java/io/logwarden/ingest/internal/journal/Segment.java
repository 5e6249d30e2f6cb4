package io.logwarden.ingest.internal.journal;

import java.nio.file.Path;

/** One segment file; {@code base} is the journal position of its first byte. */
final class Segment {
    final long base;
    final Path path;
    volatile long size;

    Segment(long base, Path path, long size) {
        this.base = base;
        this.path = path;
        this.size = size;
    }

    long end() {
        return base + size;
    }

    static String fileName(long base) {
        return String.format("%020d.seg", base);
    }
}
