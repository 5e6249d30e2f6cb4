package io.logwarden.ingest.internal.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** The shipped-up-to position, written atomically (temp file, fsync, rename) with a checksum. */
final class CheckpointFile {

    private static final Logger log = LoggerFactory.getLogger(CheckpointFile.class);

    private final Path file;
    private final Path temp;

    CheckpointFile(Path file) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
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
        ByteBuffer buf = ByteBuffer.allocate(12).putLong(position).putInt(crc(position)).flip();
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int crc(long position) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(position).flip());
        return (int) crc.getValue();
    }
}
