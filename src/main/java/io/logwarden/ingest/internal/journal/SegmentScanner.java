package io.logwarden.ingest.internal.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/** Finds a journal's segment files and where the valid records of a segment end, for recovery of a torn tail. */
final class SegmentScanner {

    private static final Logger log = LoggerFactory.getLogger(SegmentScanner.class);

    private SegmentScanner() {
    }

    /** The segment files in {@code dir} by base position. */
    static ConcurrentSkipListMap<Long, Segment> list(Path dir) throws IOException {
        ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".seg")).toList()) {
                long base = Long.parseLong(p.getFileName().toString().replace(".seg", ""));
                segments.put(base, new Segment(base, p, Files.size(p)));
            }
        }
        return segments;
    }

    /** Cuts {@code last} (open as {@code channel}) after its last valid record; returns the bytes cut. */
    static long cutTornTail(Segment last, FileChannel channel, int maxRecordBytes) throws IOException {
        long valid = validLength(last.path, maxRecordBytes);
        long truncated = last.size - valid;
        if (truncated > 0) {
            log.warn("Journal segment {} had a torn tail: truncated {} bytes after the last valid record",
                    last.path.getFileName(), truncated);
            channel.truncate(valid);
            channel.force(true);
            last.size = valid;
        }
        return truncated;
    }

    static long validLength(Path segment, int maxRecordBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            long offset = 0;
            ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER);
            ByteBuffer payload = ByteBuffer.allocate(64 * 1024);
            CRC32C crc = new CRC32C();
            while (offset + RecordCodec.HEADER <= size) {
                header.clear();
                readFully(ch, header, offset);
                int len = header.getInt(0);
                int expected = header.getInt(4);
                if (len <= 0 || len > maxRecordBytes || offset + RecordCodec.HEADER + len > size) {
                    return offset;
                }
                if (payload.capacity() < len) {
                    payload = ByteBuffer.allocate(len);
                }
                payload.clear().limit(len);
                readFully(ch, payload, offset + RecordCodec.HEADER);
                crc.reset();
                crc.update(payload);
                if ((int) crc.getValue() != expected) {
                    return offset;
                }
                offset += RecordCodec.HEADER + len;
            }
            return offset;
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of segment at " + pos);
            }
            pos += n;
        }
        buf.flip();
    }
}
