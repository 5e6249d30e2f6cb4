package io.logwarden.ingest.internal.ship;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.ingest.internal.JournalEntry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dead-letter documents (fields of es-mappings/index/logwarden-deadletter.json). */
final class DeadLetterDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterDocuments() {
    }

    /** A line that never became an event. */
    static byte[] ofLine(JournalEntry.DeadLetter dead) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", Instant.ofEpochMilli(dead.receivedMillis()).toString());
        doc.put("reason", dead.reason());
        doc.put("detail", dead.detail());
        int slash = dead.source().indexOf('/');
        doc.put("input", slash < 0 ? dead.source() : dead.source().substring(0, slash));
        if (slash >= 0) {
            doc.put("source_key", dead.source().substring(slash + 1));
        }
        doc.put("original", new String(dead.original(), StandardCharsets.UTF_8));
        doc.put("original_length", dead.originalLength());
        doc.put("original_truncated", dead.original().length < dead.originalLength());
        return write(doc);
    }

    /** An event document Elasticsearch refused. */
    static byte[] ofRejectedEvent(JournalEntry.Event event, String index, String errorType, String errorReason) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", Instant.now().toString());
        doc.put("reason", errorType == null ? "rejected" : errorType);
        doc.put("detail", errorReason);
        doc.put("input", "index");
        doc.put("target_index", index);
        doc.put("original", new String(event.json(), StandardCharsets.UTF_8));
        doc.put("original_length", event.json().length);
        return write(doc);
    }

    private static byte[] write(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
