package io.logwarden.ingest.internal.ship;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.ingest.internal.JournalEntry;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dead-letter documents (fields of es-mappings/index/logwarden-deadletter.json). The original bytes are kept as
 * text when they are valid UTF-8 ({@code original_encoding: "utf-8"}), otherwise base64-encoded
 * ({@code "base64"}), so invalid UTF-8 and binary garbage survive unmangled.
 */
final class DeadLetterDocuments {

    static final String UTF8 = "utf-8";
    static final String BASE64 = "base64";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterDocuments() {
    }

    /** A line that never became an event; {@code source} is {@code <input>[/<api key id or remote address>]}. */
    static byte[] ofLine(JournalEntry.DeadLetter dead) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", Instant.ofEpochMilli(dead.receivedMillis()).toString());
        doc.put("reason", dead.reason());
        doc.put("detail", dead.detail());
        int slash = dead.source().indexOf('/');
        String input = slash < 0 ? dead.source() : dead.source().substring(0, slash);
        doc.put("input", input);
        if (slash >= 0) {
            doc.put("tcp".equals(input) ? "remote_address" : "source_key", dead.source().substring(slash + 1));
        }
        original(doc, dead.original(), dead.originalLength());
        return write(doc);
    }

    /** An event Elasticsearch refused: its original line, the refused document and Elasticsearch's error. */
    static byte[] ofRefusedEvent(JournalEntry.Event event, String index, String errorType, String errorReason) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", Instant.ofEpochMilli(event.receivedMillis()).toString());
        doc.put("reason", errorType == null ? "rejected" : errorType);
        doc.put("detail", errorReason);
        doc.put("input", "index");
        doc.put("target_index", index);
        doc.put("event_timestamp", Instant.ofEpochMilli(event.timestampMillis()).toString());
        if (event.originalLength() >= 0) {
            original(doc, event.original(), event.originalLength());
        } else {
            original(doc, event.json(), event.jsonLength()); // journaled before originals were kept
        }
        doc.put("document", new String(event.buffer(), event.jsonOffset(), event.jsonLength(), StandardCharsets.UTF_8));
        return write(doc);
    }

    /** A journal record that could not be decoded: its raw bytes. */
    static byte[] ofUnreadable(byte[] payload, long position, Instant received, String error) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", received.toString());
        doc.put("reason", "unreadable_journal_entry");
        doc.put("detail", error);
        doc.put("input", "journal");
        doc.put("journal_position", position);
        byte[] kept = Arrays.copyOf(payload, Math.min(payload.length, JournalEntry.MAX_ORIGINAL_BYTES));
        doc.put("original", Base64.getEncoder().encodeToString(kept));
        doc.put("original_encoding", BASE64);
        doc.put("original_length", payload.length);
        doc.put("original_truncated", kept.length < payload.length);
        return write(doc);
    }

    private static void original(Map<String, Object> doc, byte[] kept, int totalLength) {
        boolean truncated = kept.length < totalLength;
        String text = utf8(kept, truncated);
        if (text != null) {
            doc.put("original", text);
            doc.put("original_encoding", UTF8);
        } else {
            doc.put("original", Base64.getEncoder().encodeToString(kept));
            doc.put("original_encoding", BASE64);
        }
        doc.put("original_length", totalLength);
        doc.put("original_truncated", truncated);
    }

    /**
     * The bytes as text if they are valid UTF-8, else null. A truncated prefix may end inside a character: those
     * last bytes are left out rather than making the whole line base64.
     */
    static String utf8(byte[] bytes, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, !truncated);
        if (result.isError() || (!truncated && in.hasRemaining())) {
            return null;
        }
        if (!truncated && decoder.flush(out).isError()) {
            return null;
        }
        return out.flip().toString();
    }

    private static byte[] write(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
