package io.logwarden.ingest.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.sun.net.httpserver.HttpServer;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's HTTP appender against a real HTTP server standing in for Logwarden's ingest endpoint. */
class LogwardenHttpAppenderTest {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger fullFor = new AtomicInteger();
    private final LoggerContext context = new LoggerContext();
    private HttpServer server;
    private LogwardenHttpAppender appender;

    /** Answers like Logwarden: 200, or (the first {@code fullFor} requests) 503 having taken only the first line. */
    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/ingest", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            keys.add(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean full = fullFor.getAndDecrement() > 0;
            byte[] answer = (full ? "{\"accepted\":1,\"rejected\":0,\"errors\":[],\"error\":\"journal_full\"}"
                    : "{\"accepted\":" + body.lines().count() + ",\"rejected\":0,\"errors\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            if (full) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(full ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        appender = new LogwardenHttpAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/ingest");
        appender.setApiKey("lw_1_secret");
        appender.setBatchSize(3);
        appender.setFlushMillis(60_000);
        appender.start();
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        if (appender != null) {
            appender.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private void log(String message) {
        appender.doAppend(new LoggingEvent("test", context.getLogger("com.acme.Test"), Level.INFO, message, null,
                null));
    }

    @Test
    void sends_a_full_batch_as_ndjson_with_the_api_key() throws Exception {
        start();
        log("one");
        log("two");
        assertThat(bodies).isEmpty();
        log("three");

        assertThat(bodies).hasSize(1);
        assertThat(bodies.getFirst().lines()).hasSize(3).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
        assertThat(bodies.getFirst()).contains("\"message\":\"one\"", "\"message\":\"three\"");
        assertThat(keys).containsExactly("ApiKey lw_1_secret");
    }

    @Test
    void resends_only_the_lines_not_taken_after_a_503() throws Exception {
        fullFor.set(1);
        start();
        log("one");
        log("two");
        log("three");

        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0).lines()).hasSize(3);
        assertThat(bodies.get(1).lines()).hasSize(2);
        assertThat(bodies.get(1)).doesNotContain("\"message\":\"one\"").contains("\"message\":\"two\"",
                "\"message\":\"three\"");
    }

    @Test
    void still_sends_when_the_thread_is_interrupted_and_keeps_the_interrupt() throws Exception {
        start();
        log("one");
        log("two");
        Thread.currentThread().interrupt(); // what AsyncAppender.stop() does to its worker
        log("three");

        assertThat(Thread.interrupted()).as("interrupt status restored").isTrue();
        assertThat(bodies).hasSize(1);
        assertThat(bodies.getFirst().lines()).hasSize(3);
    }
}
