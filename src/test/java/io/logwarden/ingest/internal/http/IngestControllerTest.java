package io.logwarden.ingest.internal.http;

import io.logwarden.event.EventNormalizer;
import io.logwarden.ingest.FsyncPolicy;
import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.internal.IngestMetrics;
import io.logwarden.ingest.internal.IngestPipeline;
import io.logwarden.ingest.internal.JournalProbe;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalFullException;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.logwarden.security.ApiKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The controller over a real journal; the API-key filter chain is covered by IngestIT. */
class IngestControllerTest {

    private static final UsernamePasswordAuthenticationToken KEY = UsernamePasswordAuthenticationToken.authenticated(
            new ApiKey("abc", "test", Instant.now(), "admin", null), null, List.of());

    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private DiskJournal journal;
    private IngestPipeline pipeline;

    private MockMvc mvc(long journalMax) throws Exception {
        return mvc(new JournalSettings(dir, 32 * 1024, journalMax, 8 * 1024, FsyncPolicy.BATCH,
                Duration.ofMillis(100)), DataSize.ofKilobytes(4), null);
    }

    private MockMvc mvc(JournalSettings settings, DataSize maxLine, String failOn) throws Exception {
        journal = DiskJournal.open(settings);
        pipeline = failOn == null ? new IngestPipeline(new EventNormalizer(), journal, metrics)
                : JournalProbe.pipelineFailingOn(failOn, journal, metrics);
        IngestProperties properties = new IngestProperties(null,
                new IngestProperties.Http(maxLine, Duration.ZERO, Duration.ofSeconds(7)), null, null, null);
        return MockMvcBuilders.standaloneSetup(new IngestController(pipeline, properties)).build();
    }

    @AfterEach
    void close() throws Exception {
        journal.close();
    }

    private double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private void fill() throws Exception {
        byte[] filler = ("{\"message\":\"" + "f".repeat(900) + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            while (true) {
                IngestPipeline.Batch batch = pipeline.newBatch("test");
                batch.add(filler, 0, filler.length);
                batch.commit(Duration.ZERO);
            }
        } catch (JournalFullException expected) {
            // the journal is at its cap
        }
    }

    @Test
    void answers_counts_and_per_line_errors_counting_blank_lines() throws Exception {
        String body = "{\"message\":\"a\"}\n\n{broken\n{\"message\":\"" + "x".repeat(5000) + "\"}\n[1]\n{\"message\":\"b\"}";
        mvc(1 << 20).perform(post("/api/v1/ingest").principal(KEY).contentType(MediaType.APPLICATION_NDJSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").value(3))
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].reason").value(startsWith("malformed_json")))
                .andExpect(jsonPath("$.errors[1].line").value(4))
                .andExpect(jsonPath("$.errors[1].reason").value(startsWith("line_too_long")))
                .andExpect(jsonPath("$.errors[2].line").value(5));
        assertThat(journal.durablePosition()).isEqualTo(journal.endPosition());
        assertThat(count("logwarden.ingest.received")).isEqualTo(5);
        assertThat(count("logwarden.ingest.rejected")).isEqualTo(3);
    }

    @Test
    void accepts_gzip_bodies() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write("{\"message\":\"a\"}\n{\"message\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        mvc(1 << 20).perform(post("/api/v1/ingest").principal(KEY).header("Content-Encoding", "gzip")
                        .contentType(MediaType.APPLICATION_NDJSON).content(zipped.toByteArray()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2));
    }

    @Test
    void reports_a_corrupt_gzip_body() throws Exception {
        mvc(1 << 20).perform(post("/api/v1/ingest").principal(KEY).header("Content-Encoding", "gzip")
                        .contentType(MediaType.APPLICATION_NDJSON).content("not gzip at all"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.errors[0].reason").value(startsWith("unreadable_body")));
    }

    @Test
    void answers_503_with_retry_after_when_the_journal_is_full() throws Exception {
        MockMvc mvc = mvc(64 * 1024);
        fill();
        mvc.perform(post("/api/v1/ingest").principal(KEY).contentType(MediaType.APPLICATION_NDJSON)
                        .content("{\"message\":\"" + "y".repeat(900) + "\"}\n"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.errors[0].reason").value("journal_full"));
    }

    @Test
    void lines_thrown_away_with_a_503_are_not_counted() throws Exception {
        MockMvc mvc = mvc(64 * 1024);
        fill();
        double received = count("logwarden.ingest.received");
        // the journal is not over its cap, so the early check passes; the request's lines do not fit
        mvc.perform(post("/api/v1/ingest").principal(KEY).contentType(MediaType.APPLICATION_NDJSON)
                        .content("{\"message\":\"" + "y".repeat(3000) + "\"}\nnot json\n"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.rejected").value(0))
                .andExpect(jsonPath("$.errors.length()").value(1));

        assertThat(count("logwarden.ingest.received")).isEqualTo(received);
        assertThat(count("logwarden.ingest.rejected")).isZero();
    }

    @Test
    void a_line_that_breaks_the_normaliser_is_a_line_error_not_a_500() throws Exception {
        MockMvc mvc = mvc(new JournalSettings(dir, 1 << 20, 4 << 20, 64 * 1024, FsyncPolicy.BATCH,
                Duration.ofMillis(50)), DataSize.ofKilobytes(16), "1e300");
        mvc.perform(post("/api/v1/ingest").principal(KEY).contentType(MediaType.APPLICATION_NDJSON)
                        .content("{\"message\":\"a\"}\n{\"@timestamp\":1e300}\n{\"message\":\"b\"}\n"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.errors[0].line").value(2))
                .andExpect(jsonPath("$.errors[0].reason").value(startsWith("normalization_failed")));
    }

    @Test
    void answers_503_with_the_reason_when_the_journal_cannot_be_written() throws Exception {
        MockMvc mvc = mvc(1 << 20);
        journal.close();
        mvc.perform(post("/api/v1/ingest").principal(KEY).contentType(MediaType.APPLICATION_NDJSON)
                        .content("{\"message\":\"a\"}\n"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.errors[0].reason").value("journal_unavailable: journal is closed"));
        assertThat(count("logwarden.ingest.received")).isZero();
    }

    @Test
    void commits_a_large_body_in_chunks_of_bytes_not_only_of_lines() throws Exception {
        // 600 lines of 10 KiB (about 20 KiB each in the journal): fewer than 1000 lines, far more than 4 MiB
        MockMvc mvc = mvc(new JournalSettings(dir, 1 << 20, 6 << 20, 64 * 1024, FsyncPolicy.BATCH,
                Duration.ofMillis(50)), DataSize.ofKilobytes(16), null);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            body.append("{\"message\":\"").append(i).append(' ').append("z".repeat(10_000)).append("\"}\n");
        }
        mvc.perform(post("/api/v1/ingest").principal(KEY).contentType(MediaType.APPLICATION_NDJSON)
                        .content(body.toString()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.accepted").value(allOf(greaterThan(0), lessThan(600))));
    }
}
