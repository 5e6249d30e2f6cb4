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

    public static List<JournalEntry.Event> events(List<JournalEntry> entries) {
        return entries.stream().filter(JournalEntry.Event.class::isInstance).map(JournalEntry.Event.class::cast).toList();
    }

    public static List<JournalEntry.DeadLetter> deadLetters(List<JournalEntry> entries) {
        return entries.stream().filter(JournalEntry.DeadLetter.class::isInstance).map(JournalEntry.DeadLetter.class::cast).toList();
    }
}
