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

    private TcpInput extraInput(DiskJournal on, TcpInput.Settings settings) throws Exception {
        IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), on, new IngestMetrics(registry));
        TcpInput extra = new TcpInput(pipeline, ServerSocketFactory.getDefault(), settings);
        extra.start();
        return extra;
    }

    private static TcpInput.Settings settings(int port, int maxConnections, Duration readTimeout, Duration drain) {
        return new TcpInput.Settings("127.0.0.1", port, MAX_LINE, maxConnections, readTimeout, Duration.ofSeconds(5),
                drain, null, null);
    }

    /** Reads until the server closes the connection; true if it did within the timeout. */
    private static boolean closedByServer(Socket socket, Duration within) throws Exception {
        socket.setSoTimeout((int) within.toMillis());
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static byte[] line(String message) {
        return ("{\"message\":\"" + message + "\"}\n").getBytes(StandardCharsets.UTF_8);
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

    @Test
    void closes_connections_beyond_max_connections_at_once() throws Exception {
        TcpInput limited = extraInput(journal, settings(0, 2, Duration.ofMinutes(1), Duration.ofSeconds(1)));
        try (Socket first = new Socket("127.0.0.1", limited.port());
             Socket second = new Socket("127.0.0.1", limited.port())) {
            first.getOutputStream().write(line("first"));
            second.getOutputStream().write(line("second"));
            awaitEntries(journal, 2);
            try (Socket third = new Socket("127.0.0.1", limited.port())) {
                assertThat(closedByServer(third, Duration.ofSeconds(10))).isTrue();
            }
            assertThat(closedByServer(first, Duration.ofMillis(200))).as("the open ones stay open").isFalse();
            assertThat(registry.find("logwarden.ingest.tcp.connections.refused").counter().count()).isEqualTo(1);
        } finally {
            limited.close();
        }
    }

    @Test
    void closes_an_idle_connection_after_the_read_timeout_and_keeps_what_it_sent() throws Exception {
        TcpInput idle = extraInput(journal, settings(0, 16, Duration.ofMillis(300), Duration.ofSeconds(1)));
        try (Socket socket = new Socket("127.0.0.1", idle.port())) {
            socket.getOutputStream().write(line("then silence"));
            assertThat(closedByServer(socket, Duration.ofSeconds(10))).isTrue();
            assertThat(events(awaitEntries(journal, 1))).extracting(e -> json(e).get("message").asText())
                    .containsExactly("then silence");
        } finally {
            idle.close();
        }
    }

    @Test
    void pauses_reading_while_the_journal_is_full_and_resumes_without_loss() throws Exception {
        Path smallDir = java.nio.file.Files.createDirectories(dir.resolve("small"));
        try (DiskJournal small = DiskJournal.open(new JournalSettings(smallDir, 512 * 1024, 1 << 20, 256 * 1024,
                FsyncPolicy.BATCH, Duration.ofMillis(20)))) {
            TcpInput input = extraInput(small, settings(0, 16, Duration.ofMinutes(5), Duration.ofSeconds(5)));
            int total = 20_000;
            String pad = "p".repeat(900);
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            Thread sender = Thread.ofPlatform().start(() -> {
                try (Socket socket = new Socket("127.0.0.1", input.port())) {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < total; i++) {
                        out.write(("{\"message\":\"" + i + "\",\"pad\":\"" + pad + "\"}\n")
                                .getBytes(StandardCharsets.UTF_8));
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (registry.find("logwarden.ingest.journal.full").counter().count() == 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(registry.find("logwarden.ingest.journal.full").counter().count()).isPositive();
                int before = sent.get();
                Thread.sleep(1000);
                assertThat(sent.get()).as("the sender is blocked by TCP flow control").isEqualTo(before)
                        .isLessThan(total);
                assertThat(sender.isAlive()).isTrue();
                assertThat(input.openConnections()).isEqualTo(1);

                List<String> received = drain(small, total);

                sender.join(Duration.ofSeconds(60));
                assertThat(sender.isAlive()).isFalse();
                assertThat(received).hasSize(total);
                for (int i = 0; i < total; i++) {
                    assertThat(received.get(i)).isEqualTo(Integer.toString(i));
                }
            } finally {
                input.close();
            }
        }
    }

    /** Reads and checkpoints the journal, freeing space, until {@code expected} events arrived. */
    private static List<String> drain(DiskJournal journal, int expected) throws Exception {
        List<String> messages = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (var reader = journal.reader(journal.checkpoint())) {
            while (messages.size() < expected && System.nanoTime() < deadline) {
                var records = reader.poll(1000, 8 << 20);
                if (records.isEmpty()) {
                    Thread.sleep(10);
                    continue;
                }
                for (var r : records) {
                    if (JournalEntry.decode(r.payload()) instanceof JournalEntry.Event e) {
                        messages.add(json(e).get("message").asText());
                    }
                }
                journal.checkpoint(records.getLast().nextPosition());
            }
        }
        return messages;
    }

    @Test
    void close_half_closes_connections_and_journals_what_senders_send_until_they_close() throws Exception {
        TcpInput draining = extraInput(journal, settings(0, 16, Duration.ofMinutes(1), Duration.ofSeconds(20)));
        Socket socket = new Socket("127.0.0.1", draining.port());
        OutputStream out = socket.getOutputStream();
        out.write(line("before close"));
        awaitEntries(journal, 1);
        // like logstash-logback-encoder's reader thread: on end of stream, send what is pending and close
        Thread client = Thread.ofPlatform().start(() -> {
            try (socket) {
                while (socket.getInputStream().read() >= 0) {
                    // the server never writes
                }
                out.write(line("sent after the server's half-close"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        draining.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("returns once the sender closed, not at the timeout")
                .isLessThan(Duration.ofSeconds(15));
        client.join(Duration.ofSeconds(10));
        assertThat(events(awaitEntries(journal, 2))).extracting(e -> json(e).get("message").asText())
                .containsExactly("before close", "sent after the server's half-close");
        assertThat(draining.openConnections()).isZero();
    }

    @Test
    void close_cuts_a_sender_that_ignores_the_half_close_after_the_drain_timeout() throws Exception {
        TcpInput draining = extraInput(journal, settings(0, 16, Duration.ofMinutes(1), Duration.ofMillis(500)));
        try (Socket stubborn = new Socket("127.0.0.1", draining.port())) {
            stubborn.getOutputStream().write(line("kept"));
            awaitEntries(journal, 1);
            long start = System.nanoTime();
            draining.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(draining.openConnections()).isZero();
            assertThat(events(awaitEntries(journal, 1))).hasSize(1);
        }
    }

    @Test
    void a_live_appender_reconnects_when_the_input_restarts_and_no_event_is_lost() throws Exception {
        int port = input.port();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        LogstashTcpSocketAppender appender = new LogstashTcpSocketAppender();
        appender.setContext(context);
        appender.addDestination("127.0.0.1:" + port);
        appender.setEncoder(encoder);
        appender.setReconnectionDelay(ch.qos.logback.core.util.Duration.buildByMilliseconds(100));
        appender.start();
        Logger logger = context.getLogger("com.acme.Restart");
        logger.addAppender(appender);
        int total = 3000;
        try {
            for (int i = 0; i < total; i++) {
                logger.info("seq {}", i);
                if (i == total / 3) {
                    input.close(); // logs keep coming while the input drains, is down and comes back
                }
                if (i == total / 2) {
                    input = new TcpInput(new IngestPipeline(new EventNormalizer(), journal, new IngestMetrics(registry)),
                            ServerSocketFactory.getDefault(), TcpInput.Settings.of("127.0.0.1", port, MAX_LINE));
                    input.start();
                }
                if (i % 10 == 0) {
                    Thread.sleep(2);
                }
            }
            List<JournalEntry.Event> events = events(awaitEntries(journal, total));
            assertThat(events.stream().map(e -> json(e).get("message").asText()))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, total)
                            .mapToObj(i -> "seq " + i).toList());
        } finally {
            appender.stop();
            context.stop();
        }
    }
}
