package io.logwarden.ingest.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import net.logstash.logback.appender.LogstashTcpSocketAppender;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

@LogwardenIntegrationTest
class IngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    IngestConfiguration.TcpInputLifecycle tcpInput;
    @Autowired
    io.logwarden.ingest.internal.journal.DiskJournal journal;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;
    @Autowired
    io.logwarden.ingest.DeadLetterService deadLetters;
    @Autowired
    io.logwarden.ingest.IngestStatusService status;

    @org.junit.jupiter.api.AfterEach
    void clearSecurityContext() {
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
    }

    private static void actAs(String role) {
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                        "it-" + role, "n/a", List.of(new org.springframework.security.core.authority
                                .SimpleGrantedAuthority("ROLE_" + role))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    private HttpRequest.Builder admin(String path) {
        return request(path).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode createKey(String name) throws Exception {
        HttpResponse<String> created = send(admin("/api/v1/admin/api-keys").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private HttpResponse<String> ingest(String key, byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder r = request("/api/v1/ingest").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            r.header("Authorization", "ApiKey " + key);
        }
        if (gzip) {
            r.header("Content-Encoding", "gzip");
        }
        return send(r);
    }

    private List<JsonNode> awaitDocuments(String index, String field, String value, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<JsonNode> docs = List.of();
        while (System.nanoTime() < deadline) {
            elasticsearch.indices().refresh(r -> r.index(index).allowNoIndices(true).ignoreUnavailable(true));
            docs = elasticsearch.search(s -> s.index(index).allowNoIndices(true).ignoreUnavailable(true).size(1000)
                            .query(q -> q.term(t -> t.field(field).value(value))), ObjectNode.class)
                    .hits().hits().stream().map(Hit::source).map(JsonNode.class::cast).toList();
            if (docs.size() >= expected) {
                return docs;
            }
            Thread.sleep(200);
        }
        return docs;
    }

    @Test
    void http_ingest_answers_per_line_and_events_reach_elasticsearch() throws Exception {
        String run = UUID.randomUUID().toString();
        String key = createKey("orders-service").get("key").asText();
        String body = """
                {"@timestamp":"%1$s","message":"order placed","level":"INFO","trace.id":"%2$s","user_id":"u-1","event.action":"order.create","audit.entity.type":"order","audit.entity.id":"o-7","audit.after":{"total":12.5}}
                {"message": broken}

                {"@timestamp":"%1$s","message":"order shipped","level":"WARN","trace.id":"%2$s","job.id":"j-1","job.state":"succeeded"}
                """.formatted(Instant.now(), run);
        HttpResponse<String> response = ingest(key, body.getBytes(StandardCharsets.UTF_8), false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").asInt()).isEqualTo(1);
        assertThat(answer.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(answer.get("errors").get(0).get("reason").asText()).startsWith("malformed_json");

        List<JsonNode> docs = awaitDocuments("logwarden-events", "trace.id", run, 2);
        assertThat(docs).hasSize(2);
        JsonNode placed = docs.stream().filter(d -> d.get("message").asText().equals("order placed")).findFirst().orElseThrow();
        assertThat(placed.at("/log/level").asText()).isEqualTo("info");
        assertThat(placed.at("/user/id").asText()).isEqualTo("u-1");
        assertThat(placed.at("/audit/entity/id").asText()).isEqualTo("o-7");
        assertThat(placed.at("/audit/after/total").asDouble()).isEqualTo(12.5);
        assertThat(placed.at("/event/ingested").isTextual()).isTrue();
        JsonNode shipped = docs.stream().filter(d -> d.get("message").asText().equals("order shipped")).findFirst().orElseThrow();
        assertThat(shipped.at("/job/state").asText()).isEqualTo("succeeded");
    }

    @Test
    void http_ingest_accepts_gzip() throws Exception {
        String run = UUID.randomUUID().toString();
        String key = createKey("gzip-sender").get("key").asText();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            lines.append("{\"message\":\"zipped ").append(i).append("\",\"trace.id\":\"").append(run).append("\"}\n");
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = ingest(key, zipped.toByteArray(), true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(500);
        assertThat(awaitDocuments("logwarden-events", "trace.id", run, 500)).hasSize(500);
    }

    @Test
    void http_ingest_refuses_missing_wrong_and_revoked_keys() throws Exception {
        byte[] line = "{\"message\":\"x\"}\n".getBytes(StandardCharsets.UTF_8);
        JsonNode created = createKey("to-revoke");
        String key = created.get("key").asText();
        assertThat(ingest(key, line, false).statusCode()).isEqualTo(200);
        assertThat(ingest(null, line, false).statusCode()).isEqualTo(401);
        assertThat(ingest(key + "x", line, false).statusCode()).isEqualTo(401);
        assertThat(ingest("lw_00_nope", line, false).statusCode()).isEqualTo(401);
        HttpResponse<String> withBasic = send(admin("/api/v1/ingest").POST(HttpRequest.BodyPublishers.ofByteArray(line)));
        assertThat(withBasic.statusCode()).isEqualTo(401);

        HttpResponse<String> revoked = send(admin("/api/v1/admin/api-keys/" + created.get("id").asText()).DELETE());
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(ingest(key, line, false).statusCode()).isEqualTo(401);
        HttpResponse<String> list = send(admin("/api/v1/admin/api-keys").GET());
        assertThat(list.body()).contains("to-revoke").doesNotContain(key.substring(key.lastIndexOf('_') + 1));
    }

    @Test
    void events_from_a_logback_tcp_appender_are_indexed_with_ecs_fields() throws Exception {
        String run = UUID.randomUUID().toString();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setCustomFields("{\"app_name\":\"billing\",\"env\":\"test\"}");
        encoder.start();
        LogstashTcpSocketAppender appender = new LogstashTcpSocketAppender();
        appender.setContext(context);
        appender.addDestination("127.0.0.1:" + tcpInput.input().port());
        appender.setEncoder(encoder);
        appender.start();
        Logger logger = context.getLogger("com.acme.billing.Invoices");
        logger.addAppender(appender);
        Instant sentFrom = Instant.now().minusMillis(5);
        String thread = Thread.currentThread().getName();
        try {
            MDC.put("traceId", run);
            MDC.put("userId", "u-42");
            for (int i = 0; i < 300; i++) {
                logger.info("invoice {} updated", i, StructuredArguments.kv("event.action", "invoice.update"),
                        StructuredArguments.kv("audit.entity.type", "invoice"),
                        StructuredArguments.kv("audit.entity.id", "INV-" + i),
                        StructuredArguments.kv("audit.before", Map.of("status", "open")),
                        StructuredArguments.kv("audit.after", Map.of("status", "paid")),
                        StructuredArguments.kv("orderCount", i));
            }
            logger.error(org.slf4j.MarkerFactory.getMarker("PAGER"), "payment failed",
                    new IllegalStateException("card declined"));
        } finally {
            MDC.clear();
        }
        try {
            List<JsonNode> docs = awaitDocuments("logwarden-events", "trace.id", run, 301);
            assertThat(docs).hasSize(301);
            JsonNode error = docs.stream().filter(d -> d.at("/log/level").asText().equals("error")).findFirst().orElseThrow();
            assertThat(error.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.at("/error/stack_trace").asText()).contains("card declined");
            assertThat(error.get("tags")).extracting(JsonNode::asText).containsExactly("PAGER");
            assertThat(error.at("/process/thread/name").asText()).isEqualTo(thread);
            Instant at = Instant.parse(error.get("@timestamp").asText());
            assertThat(at).isBetween(sentFrom, Instant.now());
            assertThat(Instant.parse(error.at("/event/ingested").asText())).isAfterOrEqualTo(at.truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
            JsonNode audit = docs.stream().filter(d -> d.at("/audit/entity/id").asText().equals("INV-7")).findFirst().orElseThrow();
            assertThat(audit.at("/service/name").asText()).isEqualTo("billing");
            assertThat(audit.at("/service/environment").asText()).isEqualTo("test");
            assertThat(audit.at("/user/id").asText()).isEqualTo("u-42");
            assertThat(audit.at("/log/logger").asText()).isEqualTo("com.acme.billing.Invoices");
            assertThat(audit.at("/audit/before/status").asText()).isEqualTo("open");
            assertThat(audit.at("/labels/orderCount").asInt()).isEqualTo(7);
            assertThat(audit.get("message").asText()).isEqualTo("invoice 7 updated");
            assertThat(audit.has("tags")).as("no marker, no flag").isFalse();
            assertThat(audit.at("/process/thread/name").asText()).isEqualTo(thread);
        } finally {
            appender.stop();
            context.stop();
        }
    }

    @Test
    void events_from_the_readme_http_appender_configuration_are_indexed() throws Exception {
        String run = UUID.randomUUID().toString();
        String key = createKey("readme-http-appender").get("key").asText();
        String heading = "### logback.xml for a Spring Boot application (HTTP)";
        String xml = ReadmeSnippets.block(heading, "xml")
                .replace("com.example.logging.LogwardenHttpAppender", LogwardenHttpAppender.class.getName());
        assertThat(xml).contains(LogwardenHttpAppender.class.getName());
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.putProperty("LOGWARDEN_URL", "http://localhost:" + port);
        context.putProperty("LOGWARDEN_API_KEY", key);
        ch.qos.logback.classic.joran.JoranConfigurator configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("the README configuration loads without errors")
                .noneMatch(s -> s.getLevel() == ch.qos.logback.core.status.Status.ERROR);
        Logger logger = context.getLogger("com.acme.billing.Payments");
        String thread = Thread.currentThread().getName();
        int count = 734; // a full batch of 500, and a rest that the timer sends
        try {
            MDC.put("traceId", run);
            for (int i = 0; i < count; i++) {
                logger.info("payment {} captured", i, StructuredArguments.kv("event.action", "payment.capture"));
            }
            logger.warn(org.slf4j.MarkerFactory.getMarker("BILLING"), "card expiring");
        } finally {
            MDC.clear();
        }
        try {
            List<JsonNode> docs = awaitDocuments("logwarden-events", "trace.id", run, count + 1);
            assertThat(docs).hasSize(count + 1);
            assertThat(docs.stream().map(d -> d.get("message").asText()).distinct()).hasSize(count + 1);
            JsonNode warn = docs.stream().filter(d -> d.at("/log/level").asText().equals("warn")).findFirst().orElseThrow();
            assertThat(warn.get("message").asText()).isEqualTo("card expiring");
            assertThat(warn.get("tags")).extracting(JsonNode::asText).containsExactly("BILLING");
            assertThat(warn.at("/service/name").asText()).isEqualTo("billing");
            assertThat(warn.at("/service/environment").asText()).isEqualTo("prod");
            assertThat(warn.at("/log/logger").asText()).isEqualTo("com.acme.billing.Payments");
            assertThat(warn.at("/process/thread/name").asText()).isEqualTo(thread);
            assertThat(docs).allMatch(d -> d.at("/event/ingested").isTextual());
        } finally {
            context.stop();
        }
    }

    @Test
    void lines_and_documents_that_cannot_be_indexed_go_to_the_dead_letter_index() throws Exception {
        String run = UUID.randomUUID().toString();
        String key = createKey("dead-letters").get("key").asText();
        String deep = "{\"x\":".repeat(12) + "1" + "}".repeat(12);
        String body = "{\"trace.id\":\"" + run + "\",\"message\":\"too deep for labels\",\"labels\":{\"deep\":" + deep + "}}\n"
                + "not json at all " + run + "\n";
        HttpResponse<String> response = ingest(key, body.getBytes(StandardCharsets.UTF_8), false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(1);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<JsonNode> dead = List.of();
        while (System.nanoTime() < deadline && dead.size() < 2) {
            elasticsearch.indices().refresh(r -> r.index("logwarden-deadletter-*").allowNoIndices(true));
            // "original" is stored, not indexed: filter here
            dead = elasticsearch.search(s -> s.index("logwarden-deadletter-*").allowNoIndices(true).size(10_000),
                            ObjectNode.class)
                    .hits().hits().stream().map(Hit::source).map(JsonNode.class::cast)
                    .filter(d -> d.path("original").asText().contains(run)).toList();
            Thread.sleep(200);
        }
        assertThat(dead).extracting(d -> d.get("reason").asText())
                .containsExactlyInAnyOrder("malformed_json", "document_parsing_exception");
        JsonNode line = dead.stream().filter(d -> d.get("reason").asText().equals("malformed_json")).findFirst().orElseThrow();
        assertThat(line.get("original").asText()).isEqualTo("not json at all " + run);
        assertThat(line.get("input").asText()).isEqualTo("http");
        assertThat(line.get("source_key").asText()).isNotBlank();
    }

    @Test
    void prometheus_exposes_every_ingest_meter() throws Exception {
        IngestItSupport it = new IngestItSupport(port, journal, registry, elasticsearch);
        String key = createKey("prometheus").get("key").asText();
        String deep = "{\"x\":".repeat(12) + "1" + "}".repeat(12);
        String body = "{\"message\":\"no timestamp, flagged\"}\nnot json\n{\"message\":\"refused\",\"labels\":{\"d\":"
                + deep + "}}\n";
        assertThat(ingest(key, body.getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(200);
        it.awaitLagZero();

        HttpResponse<String> scrape = it.getAsAdmin("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains(
                "logwarden_ingest_received_total{", "logwarden_ingest_journaled_total", "logwarden_ingest_indexed_total",
                "logwarden_ingest_deadlettered_total{", "kind=\"line\"", "kind=\"event\"", "kind=\"unreadable\"",
                "logwarden_ingest_rejected_total{", "reason=\"malformed_json\"", "logwarden_ingest_refused_total{",
                "reason=\"document_parsing_exception\"", "logwarden_ingest_flagged_total{",
                "flag=\"_timestamp_missing\"", "logwarden_ingest_dropped_total{", "logwarden_ingest_unreadable_total",
                "logwarden_ingest_deadletter_refusals_total", "logwarden_ingest_journal_full_total",
                "logwarden_ingest_bulk_retries_total", "logwarden_ingest_tcp_connections_refused_total",
                "logwarden_ingest_bulk_latency_seconds_count", "logwarden_ingest_bulk_latency_seconds_max",
                "logwarden_ingest_journal_size_bytes", "logwarden_ingest_journal_lag_bytes",
                "logwarden_ingest_journal_corrupt", "logwarden_ingest_tcp_connections",
                "logwarden_ingest_last_received_seconds");
        registry.getMeters().stream().map(m -> m.getId().getName()).filter(n -> n.startsWith("logwarden.ingest."))
                .distinct().forEach(name -> assertThat(scrape.body()).as(name).contains(name.replace('.', '_')));
        assertThat(http.send(request("/actuator/prometheus").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("not public by default").isEqualTo(401);
    }

    @Test
    void dead_letters_and_status_are_read_through_the_admin_services() throws Exception {
        IngestItSupport it = new IngestItSupport(port, journal, registry, elasticsearch);
        String run = UUID.randomUUID().toString();
        String key = createKey("browse-" + run.substring(0, 8)).get("key").asText();
        Instant from = Instant.now().minusSeconds(1);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            body.append("{broken ").append(run).append(' ').append(i).append('\n');
        }
        body.append("[\"").append(run).append("\"]\n<script>alert('").append(run).append("')</script>\n");
        assertThat(ingest(key, body.toString().getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(200);
        it.awaitLagZero();
        Instant to = Instant.now().plusSeconds(1);

        actAs(io.logwarden.security.Roles.ADMIN);
        elasticsearch.indices().refresh(r -> r.index("logwarden-deadletter-*"));
        io.logwarden.ingest.DeadLetterPage malformed = deadLetters.find(from, to, "malformed_json", 0, 100);
        io.logwarden.ingest.DeadLetterPage all = deadLetters.find(from, to, null, 0, 100);
        io.logwarden.ingest.DeadLetterPage second = deadLetters.find(from, to, "malformed_json", 1, 1);
        io.logwarden.ingest.IngestStatus current = status.current();

        assertThat(malformed.letters()).allMatch(d -> d.reason().equals("malformed_json"));
        assertThat(malformed.letters().stream().filter(d -> d.original().contains(run))).hasSize(4);
        assertThat(all.reasons()).containsKeys("malformed_json", "not_an_object");
        assertThat(all.total()).isEqualTo(all.reasons().values().stream().mapToLong(Long::longValue).sum());
        assertThat(malformed.total()).isEqualTo(all.reasons().get("malformed_json"));
        assertThat(second.letters()).hasSize(1).first().isEqualTo(malformed.letters().get(1));
        io.logwarden.ingest.DeadLetter script = malformed.letters().stream()
                .filter(d -> d.original().startsWith("<script>")).findFirst().orElseThrow();
        assertThat(script.input()).isEqualTo("http");
        assertThat(script.sender()).isNotBlank();
        assertThat(script.base64()).isFalse();
        assertThat(current.journalLagBytes()).isZero();
        assertThat(current.lastEventReceived()).isAfter(from);
        assertThat(current.rejectedByReason()).containsKey("malformed_json");

        actAs(io.logwarden.security.Roles.ANALYST);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deadLetters.find(from, to, null, 0, 10))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> status.current())
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
