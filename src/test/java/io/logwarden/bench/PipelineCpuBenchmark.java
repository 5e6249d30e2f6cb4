package io.logwarden.bench;

import io.logwarden.event.EventNormalizer;
import io.logwarden.ingest.FsyncPolicy;
import io.logwarden.ingest.internal.IngestMetrics;
import io.logwarden.ingest.internal.IngestPipeline;
import io.logwarden.ingest.internal.JournalEntry;
import io.logwarden.ingest.internal.LineFramer;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalReader;
import io.logwarden.ingest.internal.journal.JournalRecord;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * CPU cost of Logwarden's own per-event work without Elasticsearch or sockets: framing + normalisation + journal
 * append (input side), and journal read + decode (shipper side), single thread, after a warm-up. Also prints the
 * whole process's CPU over the input side (adds GC, JIT and the journal's syncer thread).
 * Args: [events, default 300000].
 */
public final class PipelineCpuBenchmark {

    /** Voluntary context switches of the journal's syncer thread(s), from /proc (0 where there is no /proc). */
    private static long syncerContextSwitches() throws IOException {
        long total = 0;
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals("journal-sync")) {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")) {
                                total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                            }
                        }
                    }
                } catch (IOException threadEnded) {
                    // gone between listing and reading
                }
            }
        }
        return total;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<byte[]> events = BenchEvents.generate(n, 5, "cpu");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] e : events) {
            stream.write(e);
        }
        byte[] all = stream.toByteArray();
        for (int round = 0; round < 3; round++) {
            Path dir = Files.createTempDirectory("lw-cpu");
            try (DiskJournal journal = DiskJournal.open(new JournalSettings(dir, 64 << 20, 4L << 30, 2 << 20,
                    FsyncPolicy.BATCH, Duration.ofMillis(100)))) {
                IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), journal,
                        new IngestMetrics(new SimpleMeterRegistry()));
                IngestPipeline.Batch batch = pipeline.newBatch("bench");
                LineFramer framer = new LineFramer(1 << 20);
                LineFramer.Sink sink = new LineFramer.Sink() {
                    @Override
                    public void line(byte[] buf, int off, int len) {
                        batch.add(buf, off, len);
                    }

                    @Override
                    public void oversized(byte[] prefix, int prefixLen, long totalLength) {
                        batch.addOversized(prefix, prefixLen, totalLength, 1 << 20);
                    }
                };
                long switches0 = syncerContextSwitches();
                long p0 = process.getProcessCpuTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                for (int off = 0; off < all.length; off += 64 * 1024) {
                    framer.feed(all, off, Math.min(64 * 1024, all.length - off), sink);
                    batch.commit(Duration.ofSeconds(10));
                }
                long c1 = cpu.getCurrentThreadCpuTime();
                journal.awaitDurable(journal.endPosition());
                long p1 = process.getProcessCpuTime();
                long switches = syncerContextSwitches() - switches0;
                long c2 = cpu.getCurrentThreadCpuTime();
                long read = 0;
                try (JournalReader reader = journal.reader(0)) {
                    List<JournalRecord> records;
                    while (!(records = reader.poll(2000, 8 << 20)).isEmpty()) {
                        for (JournalRecord r : records) {
                            if (JournalEntry.decode(r.payload()) instanceof JournalEntry.Event) {
                                read++;
                            }
                        }
                    }
                }
                long c3 = cpu.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "round %d: input side %.1f CPU-s/M events (frame+normalise+append; "
                                + "whole process %.1f), shipper read side %.1f CPU-s/M (%d events read), journal %d MiB, "
                                + "journal-sync thread woken %d times%n",
                        round, (c1 - c0) / 1e9 / (n / 1e6), (p1 - p0) / 1e9 / (n / 1e6), (c3 - c2) / 1e9 / (read / 1e6),
                        read, journal.sizeBytes() >> 20, switches);
            } finally {
                try (var files = Files.walk(dir)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
