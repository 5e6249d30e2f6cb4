package io.logwarden.ingest.internal.http;

import io.logwarden.event.EventNormalizer;
import io.logwarden.ingest.FsyncPolicy;
import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.internal.IngestMetrics;
import io.logwarden.ingest.internal.IngestPipeline;
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

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The controller over a real journal; the API-key filter chain is covered by IngestIT. */
class IngestControllerTest {

    @TempDir
    Path dir;
    private DiskJournal journal;

    private MockMvc mvc(long journalMax) throws Exception {
        journal = DiskJournal.open(new JournalSettings(dir, 32 * 1024, journalMax, 8 * 1024, FsyncPolicy.BATCH,
                Duration.ofMillis(100)));
        IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), journal, new IngestMetrics(new SimpleMeterRegistry()));
        IngestProperties properties = new IngestProperties(null,
                new IngestProperties.Http(DataSize.ofKilobytes(4), Duration.ZERO, Duration.ofSeconds(7)), null, null, null);
        return MockMvcBuilders.standaloneSetup(new IngestController(pipeline, properties)).build();
    }

    private static final UsernamePasswordAuthenticationToken KEY = UsernamePasswordAuthenticationToken.authenticated(
            new ApiKey("abc", "test", Instant.now(), "admin", null), null, List.of());

    @AfterEach
    void close() throws Exception {
        journal.close();
    }

    @Test
    void answers_counts_and_per_line_errors_counting_blank_lines() throws Exception {
        String body = "{\"message\":\"a\"}\n\n{broken\n{\"message\":\"" + "x".repeat(5000) + "\"}\n[1]\n{\"message\":\"b\"}";
        mvc(1 << 20).perform(post("/api/v1/ingest").principal(KEY).contentType(MediaType.APPLICATION_NDJSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").value(3))
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].reason").value(org.hamcrest.Matchers.startsWith("malformed_json")))
                .andExpect(jsonPath("$.errors[1].line").value(4))
                .andExpect(jsonPath("$.errors[1].reason").value(org.hamcrest.Matchers.startsWith("line_too_long")))
                .andExpect(jsonPath("$.errors[2].line").value(5));
        org.assertj.core.api.Assertions.assertThat(journal.durablePosition()).isEqualTo(journal.endPosition());
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
                .andExpect(jsonPath("$.errors[0].reason").value(org.hamcrest.Matchers.startsWith("unreadable_body")));
    }

    @Test
    void answers_503_with_retry_after_when_the_journal_is_full() throws Exception {
        MockMvc mvc = mvc(64 * 1024);
        byte[] filler = ("{\"message\":\"" + "f".repeat(900) + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            while (true) {
                IngestPipeline.Batch batch = new IngestPipeline(new EventNormalizer(), journal,
                        new IngestMetrics(new SimpleMeterRegistry())).newBatch("test");
                batch.add(filler, 0, filler.length);
                batch.commit(Duration.ZERO);
            }
        } catch (JournalFullException expected) {
            // the journal is at its cap
        }
        mvc.perform(post("/api/v1/ingest").principal(KEY).contentType(MediaType.APPLICATION_NDJSON)
                        .content("{\"message\":\"" + "y".repeat(900) + "\"}\n"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.errors[0].reason").value("journal_full"));
    }
}
