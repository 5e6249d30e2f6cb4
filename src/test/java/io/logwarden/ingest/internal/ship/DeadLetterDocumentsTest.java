package io.logwarden.ingest.internal.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.ingest.internal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-11-21T23:59:59.500Z");

    private static JsonNode read(byte[] doc) throws Exception {
        return JSON.readTree(doc);
    }

    private static JournalEntry.DeadLetter line(byte[] original, int length, String source) {
        return new JournalEntry.DeadLetter(RECEIVED.toEpochMilli(), "malformed_json", "unexpected token", source,
                original, length);
    }

    @Test
    void keeps_a_valid_utf8_line_as_text() throws Exception {
        byte[] original = "{\"message\": caf\u00e9 <b>".getBytes(StandardCharsets.UTF_8);

        JsonNode doc = read(DeadLetterDocuments.ofLine(line(original, original.length, "http/key-7")));

        assertThat(doc.get("original").asText()).isEqualTo("{\"message\": caf\u00e9 <b>");
        assertThat(doc.get("original_encoding").asText()).isEqualTo("utf-8");
        assertThat(doc.get("original_truncated").asBoolean()).isFalse();
        assertThat(doc.get("@timestamp").asText()).isEqualTo("2026-11-21T23:59:59.500Z");
        assertThat(doc.get("input").asText()).isEqualTo("http");
        assertThat(doc.get("source_key").asText()).isEqualTo("key-7");
    }

    @Test
    void keeps_invalid_utf8_and_binary_garbage_byte_for_byte_as_base64() throws Exception {
        byte[] garbage = {(byte) 0x80, (byte) 0xFF, 0, '{', (byte) 0xC3};

        JsonNode doc = read(DeadLetterDocuments.ofLine(line(garbage, garbage.length, "tcp/10.1.2.3:5000")));

        assertThat(doc.get("original_encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(doc.get("original").asText())).isEqualTo(garbage);
        assertThat(doc.get("input").asText()).isEqualTo("tcp");
        assertThat(doc.get("remote_address").asText()).isEqualTo("10.1.2.3:5000");
        assertThat(doc.has("source_key")).isFalse();
    }

    @Test
    void a_kept_prefix_cut_inside_a_character_stays_text() throws Exception {
        byte[] full = "\u00e9\u00e9\u00e9".getBytes(StandardCharsets.UTF_8); // 6 bytes
        byte[] prefix = Arrays.copyOf(full, 5);

        JsonNode doc = read(DeadLetterDocuments.ofLine(line(prefix, 5000, "http/k")));

        assertThat(doc.get("original_encoding").asText()).isEqualTo("utf-8");
        assertThat(doc.get("original").asText()).isEqualTo("\u00e9\u00e9");
        assertThat(doc.get("original_truncated").asBoolean()).isTrue();
        assertThat(doc.get("original_length").asInt()).isEqualTo(5000);
    }

    @Test
    void a_refused_event_keeps_its_original_line_and_the_refused_document_on_its_receive_day() throws Exception {
        byte[] json = "{\"message\":\"m\",\"labels\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] line = "{\"message\":\"m\",\"@timestamp\":\"2026-11-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
        JournalEntry.Event event = (JournalEntry.Event) JournalEntry.decode(
                JournalEntry.event(Instant.parse("2026-11-01T00:00:00Z"), RECEIVED, json, line, 0, line.length));

        JsonNode doc = read(DeadLetterDocuments.ofRefusedEvent(event, "logwarden-events-2026.11.01",
                "document_parsing_exception", "too deep"));

        assertThat(doc.get("@timestamp").asText()).isEqualTo("2026-11-21T23:59:59.500Z");
        assertThat(doc.get("event_timestamp").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(doc.get("reason").asText()).isEqualTo("document_parsing_exception");
        assertThat(doc.get("original").asText()).isEqualTo(new String(line, StandardCharsets.UTF_8));
        assertThat(doc.get("document").asText()).isEqualTo(new String(json, StandardCharsets.UTF_8));
        assertThat(doc.get("target_index").asText()).isEqualTo("logwarden-events-2026.11.01");
    }

    @Test
    void an_unreadable_record_keeps_its_raw_bytes() throws Exception {
        byte[] payload = {7, 1, 2, 3};

        JsonNode doc = read(DeadLetterDocuments.ofUnreadable(payload, 4242, RECEIVED, "unknown journal entry type 7"));

        assertThat(doc.get("reason").asText()).isEqualTo("unreadable_journal_entry");
        assertThat(Base64.getDecoder().decode(doc.get("original").asText())).isEqualTo(payload);
        assertThat(doc.get("journal_position").asLong()).isEqualTo(4242);
    }
}
