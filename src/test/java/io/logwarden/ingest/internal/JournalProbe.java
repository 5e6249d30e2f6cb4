package io.logwarden.ingest.internal;

import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalReader;
import io.logwarden.ingest.internal.journal.JournalRecord;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads journal entries back, waiting (bounded) for an expected count. */
public final class JournalProbe {

    private JournalProbe() {
    }

    public static List<JournalEntry> awaitEntries(DiskJournal journal, int expected) throws IOException, InterruptedException {
        List<JournalEntry> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (JournalReader reader = journal.reader(0)) {
            while (out.size() < expected && System.nanoTime() < deadline) {
                List<JournalRecord> records = reader.poll(1000, 8 << 20);
                if (records.isEmpty()) {
                    Thread.sleep(20);
                }
                records.forEach(r -> out.add(JournalEntry.decode(r.payload())));
            }
        }
        return out;
    }

    /** A pipeline whose normaliser throws on lines containing {@code marker}, as a normaliser bug would. */
    public static IngestPipeline pipelineFailingOn(String marker, DiskJournal journal, IngestMetrics metrics) {
        io.logwarden.event.EventNormalizer real = new io.logwarden.event.EventNormalizer();
        return new IngestPipeline((buf, off, len, now) -> {
            if (new String(buf, off, len, java.nio.charset.StandardCharsets.UTF_8).contains(marker)) {
                throw new java.time.DateTimeException("Instant exceeds minimum or maximum instant");
            }
            return real.normalize(buf, off, len, now);
        }, journal, metrics, 2 << 20);
    }

    public static List<JournalEntry.Event> events(List<JournalEntry> entries) {
        return entries.stream().filter(JournalEntry.Event.class::isInstance).map(JournalEntry.Event.class::cast).toList();
    }

    public static List<JournalEntry.DeadLetter> deadLetters(List<JournalEntry> entries) {
        return entries.stream().filter(JournalEntry.DeadLetter.class::isInstance).map(JournalEntry.DeadLetter.class::cast).toList();
    }
}
