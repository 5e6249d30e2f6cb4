package io.logwarden.ingest.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * What a journal record holds: an event document with the beginning of its original line, or a dead letter (an
 * input line that could not become one). Layouts, all big-endian:
 * <ul>
 *   <li>event: {@code [3][long @timestamp millis][long received millis][int json length][int original length]
 *       [json][original, at most MAX_ORIGINAL_BYTES]}</li>
 *   <li>event written before the original was kept: {@code [1][long @timestamp millis][json]}</li>
 *   <li>dead letter: {@code [2][long received millis][int original length][short+reason][short+detail]
 *       [short+source][original, at most MAX_ORIGINAL_BYTES]}</li>
 * </ul>
 */
public sealed interface JournalEntry {

    byte EVENT_WITHOUT_ORIGINAL = 1;
    byte DEAD_LETTER = 2;
    byte EVENT = 3;
    /** Dead letters and events keep at most this much of the original line. */
    int MAX_ORIGINAL_BYTES = 16 * 1024;
    /** Bytes an event entry adds to its JSON document, besides the kept original. */
    int EVENT_OVERHEAD = 1 + 8 + 8 + 4 + 4;
    /** Longest reason, detail or source string kept in a dead letter. */
    int MAX_STRING_BYTES = 4096;

    /**
     * An event: {@code timestampMillis} picks the daily index. Views into the decoded record without copies: the
     * document is {@code buffer[jsonOffset, jsonOffset + jsonLength)}, the kept original line follows it.
     *
     * @param receivedMillis  when an input received it ({@code timestampMillis} for entries of the old layout)
     * @param originalLength  length of the whole original line; -1 when the entry predates keeping it
     */
    record Event(long timestampMillis, long receivedMillis, byte[] buffer, int jsonOffset, int jsonLength,
                 int originalOffset, int originalKept, int originalLength) implements JournalEntry {

        public byte[] json() {
            return Arrays.copyOfRange(buffer, jsonOffset, jsonOffset + jsonLength);
        }

        /** The kept beginning of the original line (empty for entries of the old layout). */
        public byte[] original() {
            return Arrays.copyOfRange(buffer, originalOffset, originalOffset + originalKept);
        }
    }

    /** A line that could not become an event, kept for inspection in the dead-letter index. */
    record DeadLetter(long receivedMillis, String reason, String detail, String source, byte[] original,
                      int originalLength) implements JournalEntry {
    }

    /** Size of the entry {@link #event} would build. */
    static long eventSize(int jsonLength, int originalLength) {
        return (long) EVENT_OVERHEAD + jsonLength + Math.min(originalLength, MAX_ORIGINAL_BYTES);
    }

    static byte[] event(Instant timestamp, Instant received, byte[] json, byte[] line, int off, int len) {
        int keep = Math.min(len, MAX_ORIGINAL_BYTES);
        return ByteBuffer.allocate(EVENT_OVERHEAD + json.length + keep).put(EVENT)
                .putLong(timestamp.toEpochMilli()).putLong(received.toEpochMilli())
                .putInt(json.length).putInt(len).put(json).put(line, off, keep).array();
    }

    static byte[] deadLetter(Instant received, String reason, String detail, String source,
                             byte[] buf, int off, int len, int originalLength) {
        byte[] r = bounded(reason);
        byte[] d = bounded(detail == null ? "" : detail);
        byte[] s = bounded(source);
        int keep = Math.min(len, MAX_ORIGINAL_BYTES);
        return ByteBuffer.allocate(1 + 8 + 4 + 2 + r.length + 2 + d.length + 2 + s.length + keep)
                .put(DEAD_LETTER).putLong(received.toEpochMilli()).putInt(originalLength)
                .putShort((short) r.length).put(r).putShort((short) d.length).put(d)
                .putShort((short) s.length).put(s).put(buf, off, keep).array();
    }

    /** Decodes a record; throws {@link IllegalArgumentException} or {@link RuntimeException}s of ByteBuffer when it is not one. */
    static JournalEntry decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        byte type = b.get();
        long millis = b.getLong();
        switch (type) {
            case EVENT -> {
                long received = b.getLong();
                int jsonLength = b.getInt();
                int originalLength = b.getInt();
                int jsonOffset = b.position();
                int originalOffset = jsonOffset + jsonLength;
                if (jsonLength <= 0 || originalLength < 0 || originalOffset > payload.length) {
                    throw new IllegalArgumentException("event entry with document length " + jsonLength
                            + " in a record of " + payload.length + " bytes");
                }
                int kept = payload.length - originalOffset;
                if (kept > Math.min(originalLength, MAX_ORIGINAL_BYTES)) {
                    throw new IllegalArgumentException("event entry keeps " + kept + " bytes of a line of "
                            + originalLength);
                }
                return new Event(millis, received, payload, jsonOffset, jsonLength, originalOffset, kept,
                        originalLength);
            }
            case EVENT_WITHOUT_ORIGINAL -> {
                return new Event(millis, millis, payload, 9, payload.length - 9, payload.length, 0, -1);
            }
            case DEAD_LETTER -> {
                int originalLength = b.getInt();
                String reason = string(b);
                String detail = string(b);
                String source = string(b);
                byte[] original = Arrays.copyOfRange(payload, b.position(), payload.length);
                return new DeadLetter(millis, reason, detail, source, original, originalLength);
            }
            default -> throw new IllegalArgumentException("unknown journal entry type " + type);
        }
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort() & 0xFFFF];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bounded(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= MAX_STRING_BYTES ? bytes : Arrays.copyOf(bytes, MAX_STRING_BYTES);
    }
}
