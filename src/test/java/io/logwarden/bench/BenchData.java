package io.logwarden.bench;

import io.logwarden.event.EventNormalizer;
import io.logwarden.event.NormalizationResult;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A benchmark phase's input, written to a file before the clock starts so that senders only stream bytes (the
 * bench shares the CPUs with Elasticsearch and Logwarden) and N can exceed the heap. {@code offsets[k]} is where
 * chunk {@code k} starts (chunks of {@code chunkLines} lines); the last entry is the file size.
 */
record BenchData(Path file, long[] offsets, int events) {

    /** logstash-logback-encoder lines as an application sends them. */
    static BenchData lines(Path file, int count, int chunkLines, long seed, String runId, long baseMillis) {
        BenchEvents.Generator generator = new BenchEvents.Generator(seed, runId, baseMillis);
        return write(file, count, chunkLines, (out, i) -> out.write(generator.next()));
    }

    /**
     * {@code _bulk} bodies of what Logwarden would index for the same kind of lines: the normalised document, an
     * explicit deterministic id (journal id + position, as the shipper makes them) and the daily index of its
     * {@code @timestamp}. One chunk is one request body of {@code perRequest} documents.
     */
    static BenchData bulkBodies(Path file, int count, int perRequest, long seed, String runId, long baseMillis,
                                String index) {
        BenchEvents.Generator generator = new BenchEvents.Generator(seed, runId, baseMillis);
        EventNormalizer normalizer = new EventNormalizer();
        Base64.Encoder ids = Base64.getUrlEncoder().withoutPadding();
        long journalId = seed * 0x9E3779B97F4A7C15L;
        long[] position = {0};
        Instant received = Instant.now();
        byte[] indexPart = ("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"").getBytes(StandardCharsets.UTF_8);
        return write(file, count, perRequest, (out, i) -> {
            byte[] line = generator.next();
            if (!(normalizer.normalize(line, 0, line.length - 1, received)
                    instanceof NormalizationResult.Accepted(var event))) {
                throw new IllegalStateException("bench line not accepted: " + new String(line, StandardCharsets.UTF_8));
            }
            String id = ids.encodeToString(ByteBuffer.allocate(16).putLong(journalId).putLong(position[0]).array());
            position[0] += 8 + 9 + event.json().length;
            out.write(indexPart);
            out.write(id.getBytes(StandardCharsets.US_ASCII));
            out.write("\"}}\n".getBytes(StandardCharsets.US_ASCII));
            out.write(event.json());
            out.write('\n');
        });
    }

    private interface LineWriter {
        void write(OutputStream out, int index) throws IOException;
    }

    private static BenchData write(Path file, int count, int chunkLines, LineWriter writer) {
        long[] offsets = new long[(count + chunkLines - 1) / chunkLines + 1];
        try (CountingStream out = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            for (int i = 0; i < count; i++) {
                if (i % chunkLines == 0) {
                    offsets[i / chunkLines] = out.count;
                }
                writer.write(out, i);
            }
            offsets[offsets.length - 1] = out.count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BenchData(file, offsets, count);
    }

    int chunks() {
        return offsets.length - 1;
    }

    long size() {
        return offsets[offsets.length - 1];
    }

    /** The bytes of chunk {@code k}. */
    byte[] chunk(FileChannel channel, int k) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) (offsets[k + 1] - offsets[k]));
        while (buf.hasRemaining()) {
            if (channel.read(buf, offsets[k] + buf.position()) < 0) {
                throw new IOException("unexpected end of " + file);
            }
        }
        return buf.array();
    }

    /** Splits the file into {@code parts} ranges that start and end on chunk boundaries: {start, end} pairs. */
    long[][] split(int parts) {
        int chunks = chunks();
        long[][] ranges = new long[parts][];
        for (int p = 0; p < parts; p++) {
            ranges[p] = new long[] {offsets[chunks * p / parts], offsets[chunks * (p + 1) / parts]};
        }
        return Arrays.stream(ranges).filter(r -> r[1] > r[0]).toArray(long[][]::new);
    }

    FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
