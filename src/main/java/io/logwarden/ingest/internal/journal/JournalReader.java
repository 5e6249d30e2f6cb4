package io.logwarden.ingest.internal.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads durable records in order from a position; not thread-safe (one reader per shipper). */
public final class JournalReader implements Closeable {

    private final DiskJournal journal;
    private long position;
    private Segment segment;
    private FileChannel channel;
    // Direct: a heap buffer makes FileChannel.read copy through a temporary direct buffer first.
    private ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);

    JournalReader(DiskJournal journal, long position) {
        this.journal = journal;
        this.position = position;
    }

    /** Position of the next record to read. */
    public long position() {
        return position;
    }

    /** Moves to {@code position}, which must be a record boundary (e.g. the checkpoint, to replay). */
    public void seek(long position) {
        this.position = position;
    }

    /** Up to {@code maxRecords} durable records (fewer, possibly none, if not yet written). */
    public List<JournalRecord> poll(int maxRecords, int maxBytes) throws IOException {
        List<JournalRecord> out = new ArrayList<>();
        int bytes = 0;
        while (out.size() < maxRecords && bytes < maxBytes) {
            long limit = journal.durablePosition();
            if (position >= limit || !ensureSegment()) {
                break;
            }
            // Both bounds are record boundaries: a valid record never crosses `end`.
            long end = Math.min(limit, segment.end());
            if (position >= end) {
                if (!nextSegment()) {
                    break;
                }
                continue;
            }
            int want = (int) Math.min(buf.capacity(), end - position);
            buf.clear().limit(want);
            SegmentScanner.readFully(channel, buf, position - segment.base);
            boolean progressed = false;
            while (out.size() < maxRecords && bytes < maxBytes && buf.remaining() >= RecordCodec.HEADER) {
                int len = buf.getInt(buf.position());
                int crc = buf.getInt(buf.position() + 4);
                if (len <= 0 || len > journal.settings().maxRecordBytes() || position + RecordCodec.HEADER + len > end) {
                    corrupt("invalid record length " + len);
                    return out;
                }
                if (buf.remaining() < RecordCodec.HEADER + len) {
                    if (!progressed && buf.capacity() < RecordCodec.HEADER + len) {
                        buf = ByteBuffer.allocateDirect(RecordCodec.HEADER + len);
                        progressed = true;
                    }
                    break;
                }
                byte[] payload = new byte[len];
                buf.position(buf.position() + RecordCodec.HEADER).get(payload);
                if (!RecordCodec.checksumMatches(payload, crc)) {
                    corrupt("checksum mismatch");
                    return out;
                }
                long next = position + RecordCodec.HEADER + len;
                out.add(new JournalRecord(position, next, payload));
                position = next;
                bytes += len;
                progressed = true;
            }
            if (!progressed) {
                corrupt("truncated record");
                return out;
            }
        }
        return out;
    }

    private boolean ensureSegment() throws IOException {
        if (segment != null && position >= segment.base) {
            Segment after = journal.segmentAfter(segment.base);
            if (after == null || position < after.base) {
                return true;
            }
        }
        Segment s = journal.segmentAt(position);
        if (s == null) {
            return false;
        }
        if (position < s.base) {
            position = s.base;
        }
        return open(s);
    }

    private boolean nextSegment() throws IOException {
        Segment next = journal.segmentAfter(segment.base);
        if (next == null) {
            return false;
        }
        position = next.base;
        return open(next);
    }

    private boolean open(Segment s) throws IOException {
        if (channel != null) {
            channel.close();
        }
        try {
            channel = FileChannel.open(s.path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            channel = null;
            segment = null;
            return false;
        }
        segment = s;
        return true;
    }

    private void corrupt(String why) throws IOException {
        journal.recordCorruption(segment, position, why);
        Segment next = journal.segmentAfter(segment.base);
        if (next != null) {
            position = next.base;
            open(next);
        } else {
            position = journal.durablePosition();
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
