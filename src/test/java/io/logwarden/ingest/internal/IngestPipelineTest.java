package io.logwarden.ingest.internal;

import io.logwarden.event.EventNormalizer;
import io.logwarden.event.NormalizationResult;
import io.logwarden.ingest.FsyncPolicy;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalFullException;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.logwarden.ingest.internal.JournalProbe.awaitEntries;
import static io.logwarden.ingest.internal.JournalProbe.deadLetters;
import static io.logwarden.ingest.internal.JournalProbe.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestPipelineTest {

    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private DiskJournal journal;

    @AfterEach
    void close() throws Exception {
        if (journal != null) {
            journal.close();
        }
    }

    private DiskJournal journal(long maxBytes) throws Exception {
        journal = DiskJournal.open(new JournalSettings(dir, 64 * 1024, maxBytes, 16 * 1024, FsyncPolicy.BATCH,
                Duration.ofMillis(20)));
        return journal;
    }

    private static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private double count(String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void a_line_that_makes_the_normaliser_throw_is_dead_lettered_and_the_rest_of_the_batch_is_kept() throws Exception {
        EventNormalizer real = new EventNormalizer();
        IngestPipeline pipeline = new IngestPipeline((buf, off, len, now) -> {
            if (new String(buf, off, len, StandardCharsets.UTF_8).contains("boom")) {
                throw new DateTimeException("Instant exceeds minimum or maximum instant");
            }
            return real.normalize(buf, off, len, now);
        }, journal(1 << 20), metrics, 16 * 1024);
        IngestPipeline.Batch batch = pipeline.newBatch("tcp", "tcp/10.0.0.7:4711");
        for (String line : List.of("{\"message\":\"one\"}", "{\"message\":\"boom\"}", "{\"message\":\"two\"}")) {
            byte[] b = bytes(line);
            batch.add(b, 0, b.length);
        }
        batch.commit(Duration.ZERO);

        List<JournalEntry> entries = awaitEntries(journal, 3);
        assertThat(events(entries)).hasSize(2);
        JournalEntry.DeadLetter dead = deadLetters(entries).getFirst();
        assertThat(dead.reason()).isEqualTo(IngestPipeline.NORMALIZATION_FAILED);
        assertThat(dead.detail()).contains("DateTimeException");
        assertThat(dead.source()).isEqualTo("tcp/10.0.0.7:4711");
        assertThat(new String(dead.original(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"boom\"}");
        assertThat(count("logwarden.ingest.rejected", "reason", "normalization_failed")).isEqualTo(1);
        assertThat(count("logwarden.ingest.received", null, null)).isEqualTo(3);
        assertThat(count("logwarden.ingest.journaled", null, null)).isEqualTo(2);
    }

    @Test
    void an_event_too_large_for_a_journal_record_is_dead_lettered_instead_of_failing_the_batch() throws Exception {
        IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), journal(1 << 20), metrics, 4096);
        // exponent numbers grow when re-serialised: 1e9 -> 1.0E9; under the line limit, over the record limit
        StringBuilder numbers = new StringBuilder("{\"message\":\"numbers\"");
        for (int i = 0; i < 600; i++) {
            numbers.append(",\"n").append(i).append("\":1e9");
        }
        byte[] big = bytes(numbers.append('}').toString());
        byte[] small = bytes("{\"message\":\"small\"}");
        IngestPipeline.Batch batch = pipeline.newBatch("http", "http/key-1");
        IngestPipeline.Rejection rejection = batch.add(big, 0, big.length);
        batch.add(small, 0, small.length);
        batch.commit(Duration.ZERO);

        assertThat(rejection.reason()).isEqualTo(IngestPipeline.EVENT_TOO_LARGE);
        List<JournalEntry> entries = awaitEntries(journal, 2);
        assertThat(events(entries)).hasSize(1);
        assertThat(deadLetters(entries)).extracting(JournalEntry.DeadLetter::reason)
                .containsExactly(IngestPipeline.EVENT_TOO_LARGE);
        assertThat(count("logwarden.ingest.rejected", "reason", "event_too_large")).isEqualTo(1);
    }

    @Test
    void outcomes_are_counted_only_once_the_batch_is_journaled() throws Exception {
        IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), journal(128 * 1024), metrics, 16 * 1024);
        byte[] filler = bytes("{\"message\":\"" + "f".repeat(4000) + "\"}");
        try {
            while (true) {
                IngestPipeline.Batch fill = pipeline.newBatch("test");
                fill.add(filler, 0, filler.length);
                fill.commit(Duration.ZERO);
            }
        } catch (JournalFullException expected) {
            // at the cap
        }
        double receivedBefore = count("logwarden.ingest.received", null, null);
        IngestPipeline.Batch batch = pipeline.newBatch("http");
        byte[] bad = bytes("not json");
        batch.add(filler, 0, filler.length);
        batch.add(bad, 0, bad.length);

        assertThatThrownBy(() -> batch.commit(Duration.ZERO)).isInstanceOf(JournalFullException.class);
        assertThat(count("logwarden.ingest.rejected", "reason", "malformed_json")).isZero();
        batch.discard("resend", true);
        assertThat(count("logwarden.ingest.received", null, null)).isEqualTo(receivedBefore);
        assertThat(count("logwarden.ingest.dropped", null, null)).isZero();
        assertThat(count("logwarden.ingest.journal.full", null, null)).isPositive();

        batch.add(bad, 0, bad.length);
        batch.discard("journal_full_at_shutdown", false);
        assertThat(count("logwarden.ingest.received", null, null)).isEqualTo(receivedBefore + 1);
        assertThat(count("logwarden.ingest.dropped", "reason", "journal_full_at_shutdown")).isEqualTo(1);
        assertThat(count("logwarden.ingest.rejected", "reason", "malformed_json")).isZero();
    }

    @Test
    void events_keep_their_receive_time_and_the_beginning_of_the_original_line() throws Exception {
        IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), journal(1 << 20), metrics, 16 * 1024);
        Instant before = Instant.now();
        byte[] line = bytes("{\"@timestamp\":\"2020-01-01T00:00:00Z\",\"message\":\"caf\u00e9\",\"n\":1e3}");
        IngestPipeline.Batch batch = pipeline.newBatch("tcp");
        assertThat(batch.add(line, 0, line.length)).isNull();
        batch.commit(Duration.ZERO);

        JournalEntry.Event event = events(awaitEntries(journal, 1)).getFirst();
        assertThat(event.original()).isEqualTo(line);
        assertThat(event.originalLength()).isEqualTo(line.length);
        assertThat(event.receivedMillis()).isBetween(before.toEpochMilli(), Instant.now().toEpochMilli());
        assertThat(new String(event.json(), StandardCharsets.UTF_8)).contains("\"message\":\"caf\u00e9\"");
        assertThat(count("logwarden.ingest.flagged", "flag", "_timestamp_out_of_range")).isEqualTo(1);
    }

    @Test
    void normaliser_results_pass_through_unchanged() throws Exception {
        IngestPipeline pipeline = new IngestPipeline((buf, off, len, now) ->
                new NormalizationResult.Rejected(io.logwarden.event.RejectReason.NOT_AN_OBJECT, "expected an object"),
                journal(1 << 20), metrics, 16 * 1024);
        IngestPipeline.Batch batch = pipeline.newBatch("http");
        byte[] b = bytes("[1]");
        assertThat(batch.add(b, 0, b.length)).isEqualTo(new IngestPipeline.Rejection("not_an_object",
                "expected an object"));
    }
}
