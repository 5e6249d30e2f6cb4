package io.logwarden.ingest.internal.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** The shipped-up-to position, written atomically (temp file, fsync, rename, directory fsync) with a checksum. */
final class CheckpointFile {

    private static final Logger log = LoggerFactory.getLogger(CheckpointFile.class);

    private final Path file;

    CheckpointFile(Path file) {
        this.file = file;
    }

    long read() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
        if (buf.remaining() != 12) {
            log.warn("Ignoring malformed journal checkpoint {}; replaying from the oldest segment", file);
            return 0;
        }
        long position = buf.getLong();
        if (buf.getInt() != crc(position)) {
            log.warn("Ignoring journal checkpoint {} with a bad checksum; replaying from the oldest segment", file);
            return 0;
        }
        return position;
    }

    void write(long position) throws IOException {
        JournalFiles.replaceDurably(file, ByteBuffer.allocate(12).putLong(position).putInt(crc(position)).flip());
    }

    private static int crc(long position) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(position).flip());
        return (int) crc.getValue();
    }
}
