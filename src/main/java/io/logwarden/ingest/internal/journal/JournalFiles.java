package io.logwarden.ingest.internal.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/** Small durable-file helpers of the journal: atomic replace with fsync, directory fsync, the journal id file. */
final class JournalFiles {

    private static final Logger log = LoggerFactory.getLogger(JournalFiles.class);

    private JournalFiles() {
    }

    /**
     * Replaces {@code file} with {@code content} so that after a crash it holds either the old or the new content:
     * write a temp file, fsync it, rename it over the file, fsync the directory (the rename itself is only durable
     * once the directory is).
     */
    static void replaceDurably(Path file, ByteBuffer content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (content.hasRemaining()) {
                ch.write(content);
            }
            ch.force(false);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.getParent());
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * The random id of the journal in this directory, created durably on first use. Document ids contain it, so
     * it must survive a power loss: a lost or empty id file would give replayed records new ids (duplicates in
     * Elasticsearch). An unreadable one (damaged by hand) is replaced, with a warning saying what that risks.
     */
    static long readOrCreateId(Path file) throws IOException {
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                return Long.parseUnsignedLong(text, 16);
            } catch (NumberFormatException e) {
                log.warn("Journal id file {} is unreadable ('{}'); creating a new id. Records not yet shipped will be "
                        + "indexed under new document ids, so any of them already indexed appear twice", file, text);
            }
        }
        long id = new SecureRandom().nextLong();
        replaceDurably(file, ByteBuffer.wrap((Long.toHexString(id) + "\n").getBytes(StandardCharsets.US_ASCII)));
        return id;
    }
}
