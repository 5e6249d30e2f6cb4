package io.logwarden.ingest.internal.journal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/** Record framing: {@code [int length][int crc32c(payload)][payload]}. */
final class RecordCodec {

    static final int HEADER = 8;

    private RecordCodec() {
    }

    static ByteBuffer encode(List<byte[]> payloads, int maxRecordBytes) {
        int total = 0;
        for (byte[] p : payloads) {
            if (p.length == 0 || p.length > maxRecordBytes) {
                throw new IllegalArgumentException("record size " + p.length + " outside 1.." + maxRecordBytes);
            }
            total += HEADER + p.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        CRC32C crc = new CRC32C();
        for (byte[] p : payloads) {
            crc.reset();
            crc.update(p);
            buf.putInt(p.length).putInt((int) crc.getValue()).put(p);
        }
        return buf.flip();
    }

    static boolean checksumMatches(byte[] payload, int expected) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == expected;
    }
}
