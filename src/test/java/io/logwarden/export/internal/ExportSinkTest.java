package io.logwarden.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSinkTest {

    @TempDir
    Path dir;

    @Test
    void resuming_a_gzip_file_cuts_what_followed_the_checkpoint_and_stays_one_valid_stream() throws IOException {
        Path file = dir.resolve("export.csv.gz");
        long checkpoint;
        try (ExportSink sink = new ExportSink(file, 0, true)) {
            sink.out.write("header\nrow1\n".getBytes(StandardCharsets.UTF_8));
            checkpoint = sink.checkpoint();
            sink.out.write("row2-lost-in-the-crash\n".getBytes(StandardCharsets.UTF_8));
            sink.checkpoint();
        }
        assertThat(Files.size(file)).isGreaterThan(checkpoint);

        try (ExportSink resumed = new ExportSink(file, checkpoint, true)) {
            resumed.out.write("row2\n".getBytes(StandardCharsets.UTF_8));
            resumed.finish();
        }

        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("header\nrow1\nrow2\n");
        }
    }

    @Test
    void an_empty_compressed_export_is_still_a_valid_gzip_file() throws IOException {
        Path file = dir.resolve("empty.ndjson.gz");
        try (ExportSink sink = new ExportSink(file, 0, true)) {
            sink.finish();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }
}
