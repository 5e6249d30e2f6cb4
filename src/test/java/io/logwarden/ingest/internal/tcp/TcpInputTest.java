package io.logwarden.ingest.internal.tcp;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.event.EventNormalizer;
import io.logwarden.ingest.FsyncPolicy;
import io.logwarden.ingest.internal.IngestMetrics;
import io.logwarden.ingest.internal.IngestPipeline;
import io.logwarden.ingest.internal.JournalEntry;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.logstash.logback.appender.LogstashTcpSocketAppender;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

import javax.net.ServerSocketFactory;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.logwarden.ingest.internal.JournalProbe.awaitEntries;
import static io.logwarden.ingest.internal.JournalProbe.deadLetters;
import static io.logwarden.ingest.internal.JournalProbe.events;
import static org.assertj.core.api.Assertions.assertThat;

class TcpInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE = 64 * 1024;

    @TempDir
    Path dir;
    private DiskJournal journal;
    private SimpleMeterRegistry registry;
    private TcpInput input;

    @BeforeEach
    void start() throws Exception {
        journal = DiskJournal.open(new JournalSettings(dir, 1 << 20, 64 << 20, 256 * 1024, FsyncPolicy.BATCH,
                Duration.ofMillis(50)));
        registry = new SimpleMeterRegistry();
        IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), journal, new IngestMetrics(registry));
        input = new TcpInput(pipeline, ServerSocketFactory.getDefault(), TcpInput.Settings.of("127.0.0.1", 0, MAX_LINE));
        input.start();
    }

    @AfterEach
    void stop() throws Exception {
        input.close();
        journal.close();
    }

    private double rejected(String reason) {
        var counter = registry.find("logwarden.ingest.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode json(JournalEntry.Event event) {
        try {
            return JSON.readTree(event.json());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void receives_events_from_a_real_logstash_tcp_appender() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setCustomFields("{\"app_name\":\"billing\"}");
        encoder.start();
        LogstashTcpSocketAppender appender = new LogstashTcpSocketAppender();
        appender.setContext(context);
        appender.addDestination("127.0.0.1:" + input.port());
        appender.setEncoder(encoder);
        appender.setKeepAliveDuration(ch.qos.logback.core.util.Duration.buildByMilliseconds(20));
        appender.start();
        Logger logger = context.getLogger("com.acme.Billing");
        logger.addAppender(appender);
        try {
            MDC.put("traceId", "abc123");
            for (int i = 0; i < 200; i++) {
                logger.info("invoice {} paid", i, StructuredArguments.kv("audit.entity.id", "INV-" + i),
                        StructuredArguments.kv("event.action", "invoice.pay"));
            }
            MDC.clear();
            logger.error(MarkerFactory.getMarker("ALERT"), "payment gateway down", new IllegalStateException("timeout"));
            Thread.sleep(100); // let a few keep-alive newlines go out between events
            logger.warn("after keep-alive");

            List<JournalEntry> entries = awaitEntries(journal, 202);
            List<JournalEntry.Event> events = events(entries);
            assertThat(entries).hasSize(202);
            assertThat(deadLetters(entries)).isEmpty();
            JsonNode first = json(events.getFirst());
            assertThat(first.get("message").asText()).isEqualTo("invoice 0 paid");
            assertThat(first.at("/service/name").asText()).isEqualTo("billing");
            assertThat(first.at("/trace/id").asText()).isEqualTo("abc123");
            assertThat(first.at("/audit/entity/id").asText()).isEqualTo("INV-0");
            assertThat(first.at("/event/action").asText()).isEqualTo("invoice.pay");
            JsonNode error = json(events.get(200));
            assertThat(error.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.get("tags").get(0).asText()).isEqualTo("ALERT");
            assertThat(json(events.get(201)).get("message").asText()).isEqualTo("after keep-alive");
            assertThat(rejected("malformed_json")).isZero();
        } finally {
            appender.stop();
            context.stop();
        }
    }

    @Test
    void serves_many_concurrent_connections() throws Exception {
        int connections = 32;
        int perConnection = 100;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int conn = c;
                futures.add(pool.submit(() -> {
                    try (Socket socket = new Socket("127.0.0.1", input.port())) {
                        OutputStream out = socket.getOutputStream();
                        for (int i = 0; i < perConnection; i++) {
                            out.write(("{\"message\":\"c" + conn + " e" + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        List<JournalEntry> entries = awaitEntries(journal, connections * perConnection);
        assertThat(events(entries)).hasSize(connections * perConnection);
        assertThat(events(entries).stream().map(e -> json(e).get("message").asText())).doesNotHaveDuplicates();
    }

    @Test
    void dead_letters_a_line_over_max_size_and_keeps_the_connection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", input.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("{\"message\":\"before\"}\n".getBytes(StandardCharsets.UTF_8));
            out.write(("{\"message\":\"" + "x".repeat(3 * MAX_LINE) + "\"}\n").getBytes(StandardCharsets.UTF_8));
            out.write("{\"message\":\"after\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<JournalEntry> entries = awaitEntries(journal, 3);
            assertThat(events(entries)).extracting(e -> json(e).get("message").asText()).containsExactly("before", "after");
            JournalEntry.DeadLetter dead = deadLetters(entries).getFirst();
            assertThat(dead.reason()).isEqualTo("line_too_long");
            assertThat(dead.originalLength()).isEqualTo(3 * MAX_LINE + 14);
            assertThat(new String(dead.original(), StandardCharsets.UTF_8)).startsWith("{\"message\":\"xxx").hasSize(1024);
            assertThat(rejected("line_too_long")).isEqualTo(1);
        }
    }

    @Test
    void counts_garbage_invalid_utf8_and_malformed_lines_and_keeps_the_connection() throws Exception {
        byte[] invalidUtf8 = "{\"message\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
        invalidUtf8[16] = (byte) 0xFF;
        byte[] garbage = new byte[500];
        new java.util.Random(3).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n') {
                garbage[i] = 0;
            }
        }
        garbage[0] = (byte) 0x80;
        try (Socket socket = new Socket("127.0.0.1", input.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(invalidUtf8);
            out.write(garbage);
            out.write('\n');
            out.write("{\"message\": unquoted}\n[1,2,3]\n\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.write(("{\"a\":".repeat(50) + "1" + "}".repeat(50) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write("{\"message\":\"still alive\"}".getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            List<JournalEntry> entries = awaitEntries(journal, 6);
            assertThat(events(entries)).extracting(e -> json(e).get("message").asText()).containsExactly("still alive");
            assertThat(deadLetters(entries)).extracting(JournalEntry.DeadLetter::reason)
                    .containsExactly("invalid_utf8", "malformed_json", "malformed_json", "not_an_object", "nesting_too_deep");
            assertThat(rejected("invalid_utf8")).isEqualTo(1);
            assertThat(rejected("malformed_json")).isEqualTo(2);
            assertThat(rejected("nesting_too_deep")).isEqualTo(1);
            assertThat(registry.find("logwarden.ingest.received").counter().count()).isEqualTo(6);
        }
    }
}
