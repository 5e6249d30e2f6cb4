package io.logwarden.ingest.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * What a journal record holds: an event document, or a dead letter (an input line that could not become one).
 * Layout: {@code [type][long epoch millis][...]}; event: JSON document; dead letter: reason, source, original.
 */
public sealed interface JournalEntry {

    byte EVENT = 1;
    byte DEAD_LETTER = 2;
    /** Dead letters keep at most this much of the original line. */
    int MAX_ORIGINAL_BYTES = 16 * 1024;

    /** An event: {@code timestamp} picks the daily index. */
    record Event(long timestampMillis, byte[] json) implements JournalEntry {
    }

    /** A line that could not become an event, kept for inspection in the dead-letter index. */
    record DeadLetter(long receivedMillis, String reason, String detail, String source, byte[] original,
                      int originalLength) implements JournalEntry {
    }

    static byte[] event(Instant timestamp, byte[] json) {
        return ByteBuffer.allocate(9 + json.length).put(EVENT).putLong(timestamp.toEpochMilli()).put(json).array();
    }

    static byte[] deadLetter(Instant received, String reason, String detail, String source,
                             byte[] buf, int off, int len, int originalLength) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] d = (detail == null ? "" : detail).getBytes(StandardCharsets.UTF_8);
        byte[] s = source.getBytes(StandardCharsets.UTF_8);
        int keep = Math.min(len, MAX_ORIGINAL_BYTES);
        return ByteBuffer.allocate(1 + 8 + 4 + 2 + r.length + 2 + d.length + 2 + s.length + keep)
                .put(DEAD_LETTER).putLong(received.toEpochMilli()).putInt(originalLength)
                .putShort((short) r.length).put(r).putShort((short) d.length).put(d)
                .putShort((short) s.length).put(s).put(buf, off, keep).array();
    }

    static JournalEntry decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        byte type = b.get();
        long millis = b.getLong();
        if (type == EVENT) {
            return new Event(millis, Arrays.copyOfRange(payload, 9, payload.length));
        }
        if (type == DEAD_LETTER) {
            int originalLength = b.getInt();
            String reason = string(b);
            String detail = string(b);
            String source = string(b);
            byte[] original = Arrays.copyOfRange(payload, b.position(), payload.length);
            return new DeadLetter(millis, reason, detail, source, original, originalLength);
        }
        throw new IllegalArgumentException("unknown journal entry type " + type);
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort() & 0xFFFF];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
