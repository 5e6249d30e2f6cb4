package io.logwarden.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the child JVM's {@code -Xlog:gc} file. The heap used just before each collection is the high-water mark of
 * the heap between collections, so its maximum over a window is the peak heap (sampling a metric would miss it).
 */
final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)(?: (\\d+\\.\\d+)ms)?");

    /** Peak heap used and committed (MiB), collections and their pause time in a window. */
    record Window(long peakUsedMiB, long committedMiB, int collections, double pauseMillis) {
    }

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** Where the log ends now: pass to {@link #since(long)} later. */
    long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Window since(long mark) {
        String text;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.max(0, size - mark));
            while (buf.hasRemaining() && ch.read(buf, mark + buf.position()) > 0) {
                // read all
            }
            text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long peak = 0;
        long committed = 0;
        int collections = 0;
        double pause = 0;
        Matcher m = PAUSE.matcher(text);
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
            committed = Math.max(committed, Long.parseLong(m.group(3)));
            collections++;
            if (m.group(4) != null) {
                pause += Double.parseDouble(m.group(4));
            }
        }
        return new Window(peak, committed, collections, pause);
    }
}
