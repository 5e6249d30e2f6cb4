package io.logwarden.ingest.internal.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Record framing: {@code [int length][int crc32c(payload)][payload]}. */
final class RecordCodec {

    static final int HEADER = 8;

    private RecordCodec() {
    }

    /**
     * Largest buffer {@link #encode} fills with several records: a quarter of G1's smallest region. One buffer for a
     * whole HTTP request (1,000 events, over 1 MB) was a humongous allocation, each of which may start a concurrent
     * marking cycle; a record larger than this gets a buffer of its own.
     */
    static final int CHUNK_BYTES = 256 * 1024;

    /** Frames the records, in order, into buffers of at most {@link #CHUNK_BYTES} (unless one record is larger). */
    static List<ByteBuffer> encode(List<byte[]> payloads, int maxRecordBytes) {
        int total = 0;
        for (byte[] p : payloads) {
            if (p.length == 0 || p.length > maxRecordBytes) {
                throw new IllegalArgumentException("record size " + p.length + " outside 1.." + maxRecordBytes);
            }
            total += HEADER + p.length;
        }
        List<ByteBuffer> chunks = new ArrayList<>(total / CHUNK_BYTES + 1);
        ByteBuffer buf = null;
        int left = total;
        CRC32C crc = new CRC32C();
        for (byte[] p : payloads) {
            int size = HEADER + p.length;
            if (buf == null || buf.remaining() < size) {
                if (buf != null) {
                    chunks.add(buf.flip());
                }
                buf = ByteBuffer.allocate(Math.max(size, Math.min(left, CHUNK_BYTES)));
            }
            crc.reset();
            crc.update(p);
            buf.putInt(p.length).putInt((int) crc.getValue()).put(p);
            left -= size;
        }
        chunks.add(buf.flip());
        return chunks;
    }

    static int remaining(List<ByteBuffer> chunks) {
        int n = 0;
        for (ByteBuffer b : chunks) {
            n += b.remaining();
        }
        return n;
    }

    static boolean checksumMatches(byte[] payload, int expected) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == expected;
    }
}
