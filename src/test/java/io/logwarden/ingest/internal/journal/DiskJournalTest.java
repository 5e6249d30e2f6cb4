package io.logwarden.ingest.internal.journal;

import io.logwarden.ingest.FsyncPolicy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskJournalTest {

    @TempDir
    Path dir;

    private JournalSettings settings(FsyncPolicy policy, Duration interval) {
        return new JournalSettings(dir, 4096, 64 * 1024, 1024, policy, interval);
    }

    private JournalSettings small() {
        return settings(FsyncPolicy.BATCH, Duration.ofMillis(20));
    }

    private static List<byte[]> records(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 50) + "\"}").getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    private static List<String> readAll(DiskJournal journal, long from) throws IOException {
        List<String> out = new ArrayList<>();
        try (JournalReader reader = journal.reader(from)) {
            List<JournalRecord> batch;
            while (!(batch = reader.poll(100, 1 << 20)).isEmpty()) {
                batch.forEach(r -> out.add(new String(r.payload(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static List<String> strings(List<byte[]> records) {
        return records.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void reads_back_records_in_order_across_segments() throws Exception {
        try (DiskJournal journal = DiskJournal.open(small())) {
            List<byte[]> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                List<byte[]> batch = records(i * 10, 10);
                all.addAll(batch);
                journal.awaitDurable(journal.append(batch, Duration.ZERO));
            }
            assertThat(segmentFiles()).hasSizeGreaterThan(2);
            assertThat(readAll(journal, 0)).containsExactlyElementsOf(strings(all));
        }
    }

    @Test
    void readers_see_only_durable_records() throws Exception {
        try (DiskJournal journal = DiskJournal.open(settings(FsyncPolicy.BATCH, Duration.ofHours(1)))) {
            long end = journal.append(records(0, 3), Duration.ZERO);
            assertThat(readAll(journal, 0)).isEmpty();
            journal.awaitDurable(end);
            assertThat(readAll(journal, 0)).hasSize(3);
        }
    }

    @Test
    void batch_policy_syncs_in_the_background_without_a_waiter() throws Exception {
        try (DiskJournal journal = DiskJournal.open(small())) {
            long end = journal.append(records(0, 5), Duration.ZERO);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (journal.durablePosition() < end && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(journal.durablePosition()).isEqualTo(end);
        }
    }

    @Test
    void concurrent_appends_with_group_commit_are_all_durable_and_intact() throws Exception {
        try (DiskJournal journal = DiskJournal.open(new JournalSettings(dir, 64 * 1024, 16 << 20, 1024,
                FsyncPolicy.ALWAYS, Duration.ofMillis(100)));
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        long end = journal.append(records(thread * 1000 + i, 1), Duration.ofSeconds(5));
                        assertThat(journal.durablePosition()).isGreaterThanOrEqualTo(end);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            List<String> read = readAll(journal, 0);
            assertThat(read).hasSize(400).doesNotHaveDuplicates();
            List<String> expected = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                for (int i = 0; i < 50; i++) {
                    expected.addAll(strings(records(t * 1000 + i, 1)));
                }
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void recovers_a_torn_tail_and_continues_after_the_last_valid_record() throws Exception {
        long end;
        try (DiskJournal journal = DiskJournal.open(small())) {
            end = journal.append(records(0, 5), Duration.ZERO);
            journal.awaitDurable(end);
        }
        Path last = segmentFiles().getLast();
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.seek(raf.length());
            raf.writeInt(500);          // header of a record whose payload never made it
            raf.writeInt(12345);
            raf.write("{\"partial".getBytes(StandardCharsets.UTF_8));
        }
        try (DiskJournal journal = DiskJournal.open(small())) {
            assertThat(journal.recoveredTruncatedBytes()).isEqualTo(17);
            assertThat(journal.endPosition()).isEqualTo(end);
            journal.awaitDurable(journal.append(records(5, 2), Duration.ZERO));
            assertThat(readAll(journal, 0)).containsExactlyElementsOf(strings(records(0, 7)));
        }
    }

    @Test
    void recovers_a_tail_with_a_bad_checksum() throws Exception {
        try (DiskJournal journal = DiskJournal.open(small())) {
            journal.awaitDurable(journal.append(records(0, 3), Duration.ZERO));
        }
        Path last = segmentFiles().getLast();
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.seek(raf.length() - 2);
            raf.write('#');
        }
        try (DiskJournal journal = DiskJournal.open(small())) {
            assertThat(journal.recoveredTruncatedBytes()).isPositive();
            assertThat(readAll(journal, 0)).containsExactlyElementsOf(strings(records(0, 2)));
        }
    }

    @Test
    void skips_a_corrupt_older_segment_and_counts_it() throws Exception {
        try (DiskJournal journal = DiskJournal.open(small())) {
            for (int i = 0; i < 20; i++) {
                journal.awaitDurable(journal.append(records(i * 10, 10), Duration.ZERO));
            }
            Path first = segmentFiles().getFirst();
            try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
                raf.seek(100);
                raf.write(new byte[] {1, 2, 3});
            }
            List<String> read = readAll(journal, 0);
            assertThat(journal.corruptRecords()).isEqualTo(1);
            assertThat(read).isNotEmpty().hasSizeLessThan(200);
            assertThat(read.getLast()).isEqualTo(strings(records(199, 1)).getFirst());
        }
    }

    @Test
    void checkpoint_survives_restart_and_deletes_shipped_segments() throws Exception {
        long middle;
        try (DiskJournal journal = DiskJournal.open(small())) {
            for (int i = 0; i < 20; i++) {
                journal.awaitDurable(journal.append(records(i * 10, 10), Duration.ZERO));
            }
            int segmentsBefore = segmentFiles().size();
            try (JournalReader reader = journal.reader(0)) {
                List<JournalRecord> first = reader.poll(150, 1 << 20);
                middle = first.getLast().nextPosition();
            }
            journal.checkpoint(middle);
            assertThat(segmentFiles().size()).isLessThan(segmentsBefore);
        }
        try (DiskJournal journal = DiskJournal.open(small())) {
            assertThat(journal.checkpoint()).isEqualTo(middle);
            assertThat(readAll(journal, journal.checkpoint())).containsExactlyElementsOf(strings(records(150, 50)));
        }
    }

    @Test
    void refuses_appends_beyond_the_size_cap_until_a_checkpoint_frees_space() throws Exception {
        try (DiskJournal journal = DiskJournal.open(small())) {
            List<byte[]> chunk = records(0, 40);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    journal.append(chunk, Duration.ZERO);
                }
            }).isInstanceOf(JournalFullException.class).hasMessageContaining("journal is full");
            long sizeAtCap = journal.sizeBytes();
            assertThat(sizeAtCap).isLessThanOrEqualTo(64 * 1024);

            CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return journal.append(chunk, Duration.ofMinutes(1));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            journal.awaitDurable(journal.endPosition());
            journal.checkpoint(journal.durablePosition());
            assertThat(blocked.get()).isGreaterThan(0);
            assertThat(journal.sizeBytes()).isLessThan(sizeAtCap);
        }
    }

    @Test
    void never_reuses_positions_when_the_checkpoint_is_past_the_recovered_end() throws Exception {
        long end;
        try (DiskJournal journal = DiskJournal.open(small())) {
            end = journal.append(records(0, 5), Duration.ZERO);
            journal.awaitDurable(end);
            journal.checkpoint(end);
        }
        // Simulate losing the tail the checkpoint already covered.
        Path last = segmentFiles().getLast();
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.setLength(0);
        }
        try (DiskJournal journal = DiskJournal.open(small())) {
            assertThat(journal.endPosition()).isEqualTo(end);
            long next = journal.append(records(5, 1), Duration.ZERO);
            journal.awaitDurable(next);
            try (JournalReader reader = journal.reader(journal.checkpoint())) {
                assertThat(reader.poll(10, 1 << 20)).singleElement()
                        .satisfies(r -> assertThat(r.position()).isEqualTo(end));
            }
        }
    }

    @Test
    void rejects_records_over_the_maximum_size() throws Exception {
        try (DiskJournal journal = DiskJournal.open(small())) {
            assertThatThrownBy(() -> journal.append(List.of(new byte[1025]), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025");
            assertThat(journal.endPosition()).isZero();
        }
    }

    @Test
    void keeps_its_id_across_restarts() throws Exception {
        long id;
        try (DiskJournal journal = DiskJournal.open(small())) {
            id = journal.journalId();
        }
        try (DiskJournal journal = DiskJournal.open(small())) {
            assertThat(journal.journalId()).isEqualTo(id);
        }
    }

    @Test
    void none_policy_makes_records_readable_at_once() throws Exception {
        try (DiskJournal journal = DiskJournal.open(settings(FsyncPolicy.NONE, Duration.ofMillis(100)))) {
            long end = journal.append(records(0, 2), Duration.ZERO);
            assertThat(journal.durablePosition()).isEqualTo(end);
            assertThat(readAll(journal, 0)).hasSize(2);
        }
    }

    @Test
    void writes_the_journal_id_through_a_synced_temp_file() throws Exception {
        long id;
        try (DiskJournal journal = DiskJournal.open(small())) {
            id = journal.journalId();
        }
        assertThat(Files.readString(dir.resolve("journal.id")).strip()).isEqualTo(Long.toHexString(id));
        assertThat(dir.resolve("journal.id.tmp")).doesNotExist();
    }

    @Test
    void replaces_an_unreadable_journal_id_instead_of_refusing_to_open() throws Exception {
        Files.writeString(dir.resolve("journal.id"), "");
        long id;
        try (DiskJournal journal = DiskJournal.open(small())) {
            id = journal.journalId();
            journal.awaitDurable(journal.append(records(0, 3), Duration.ZERO));
        }
        try (DiskJournal journal = DiskJournal.open(small())) {
            assertThat(journal.journalId()).isEqualTo(id);
            assertThat(readAll(journal, 0)).hasSize(3);
        }
    }

    @Test
    void batch_policy_covers_many_appends_with_one_fsync() throws Exception {
        AtomicInteger fsyncs = new AtomicInteger();
        try (DiskJournal journal = DiskJournal.open(new JournalSettings(dir, 1 << 20, 4 << 20, 1024,
                        FsyncPolicy.BATCH, Duration.ofSeconds(30)), channel -> {
                    fsyncs.incrementAndGet();
                    channel.force(false);
                })) {
            long end = 0;
            for (int i = 0; i < 200; i++) {
                end = journal.append(records(i, 1), Duration.ZERO);
            }
            journal.awaitDurable(end);
            assertThat(journal.durablePosition()).isEqualTo(end);
        }
        assertThat(fsyncs.get()).isEqualTo(1);
    }

    @Test
    void backs_off_between_failed_fsyncs_and_acknowledges_once_the_disk_recovers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean failing = new AtomicBoolean(true);
        try (DiskJournal journal = DiskJournal.open(settings(FsyncPolicy.BATCH, Duration.ofMillis(5)), channel -> {
            attempts.incrementAndGet();
            if (failing.get()) {
                throw new IOException("disk says no");
            }
            channel.force(false);
        })) {
            long end = journal.append(records(0, 5), Duration.ZERO);
            // A waiter that keeps asking, as HTTP clients retrying would.
            long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
            int refused = 0;
            while (System.nanoTime() < until) {
                try {
                    journal.awaitDurable(end);
                } catch (IOException e) {
                    refused++;
                }
            }
            int attemptsWhileFailing = attempts.get();
            assertThat(refused).isPositive();
            assertThat(journal.durablePosition()).isLessThan(end);
            // 10 ms doubling up to 1 s: about 7 tries in 600 ms; without a back-off it would be thousands.
            assertThat(attemptsWhileFailing).isBetween(2, 12);

            failing.set(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (journal.durablePosition() < end && System.nanoTime() < deadline) {
                try {
                    journal.awaitDurable(end);
                } catch (IOException stillFailing) {
                    Thread.sleep(10);
                }
            }
            assertThat(journal.durablePosition()).isEqualTo(end);
        }
    }
}
