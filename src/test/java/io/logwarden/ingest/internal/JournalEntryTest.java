package io.logwarden.ingest.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalEntryTest {

    @Test
    void an_event_round_trips_with_its_receive_time_and_original_line() {
        byte[] json = "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] line = "  {\"msg\":\"x\"}  ".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        Instant received = Instant.parse("2026-11-21T00:00:01Z");

        JournalEntry.Event event = (JournalEntry.Event) JournalEntry.decode(
                JournalEntry.event(at, received, json, line, 2, line.length - 4));

        assertThat(event.timestampMillis()).isEqualTo(at.toEpochMilli());
        assertThat(event.receivedMillis()).isEqualTo(received.toEpochMilli());
        assertThat(event.json()).isEqualTo(json);
        assertThat(new String(event.original(), StandardCharsets.UTF_8)).isEqualTo("{\"msg\":\"x\"}");
        assertThat(event.originalLength()).isEqualTo(line.length - 4);
    }

    @Test
    void keeps_only_the_first_16_kib_of_a_long_original() {
        byte[] line = new byte[100_000];
        java.util.Arrays.fill(line, (byte) 'a');
        JournalEntry.Event event = (JournalEntry.Event) JournalEntry.decode(
                JournalEntry.event(Instant.now(), Instant.now(), "{}".getBytes(StandardCharsets.UTF_8), line, 0, line.length));

        assertThat(event.original()).hasSize(JournalEntry.MAX_ORIGINAL_BYTES);
        assertThat(event.originalLength()).isEqualTo(100_000);
    }

    @Test
    void decodes_events_journaled_before_the_original_was_kept() {
        byte[] json = "{\"message\":\"old\"}".getBytes(StandardCharsets.UTF_8);
        byte[] legacy = ByteBuffer.allocate(9 + json.length).put(JournalEntry.EVENT_WITHOUT_ORIGINAL).putLong(42L)
                .put(json).array();

        JournalEntry.Event event = (JournalEntry.Event) JournalEntry.decode(legacy);

        assertThat(event.json()).isEqualTo(json);
        assertThat(event.receivedMillis()).isEqualTo(42L);
        assertThat(event.originalLength()).isEqualTo(-1);
        assertThat(event.original()).isEmpty();
    }

    @Test
    void a_dead_letter_bounds_its_strings() {
        String longDetail = "d".repeat(10_000);
        JournalEntry.DeadLetter dead = (JournalEntry.DeadLetter) JournalEntry.decode(JournalEntry.deadLetter(
                Instant.now(), "malformed_json", longDetail, "http/k", new byte[] {1, 2, 3}, 0, 3, 3));

        assertThat(dead.detail()).hasSize(JournalEntry.MAX_STRING_BYTES);
        assertThat(dead.original()).containsExactly(1, 2, 3);
    }

    @Test
    void refuses_records_that_are_not_entries() {
        assertThatThrownBy(() -> JournalEntry.decode(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] lying = ByteBuffer.allocate(40).put(JournalEntry.EVENT).putLong(1).putLong(1).putInt(1000).putInt(0)
                .array();
        assertThatThrownBy(() -> JournalEntry.decode(lying)).isInstanceOf(IllegalArgumentException.class);
    }
}
