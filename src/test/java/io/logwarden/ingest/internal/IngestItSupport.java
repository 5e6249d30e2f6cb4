package io.logwarden.ingest.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.testsupport.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared steps of the ingest ITs: API keys, waiting for the shipper, reading counters and Elasticsearch. */
final class IngestItSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final DiskJournal journal;
    private final MeterRegistry registry;
    private final ElasticsearchClient elasticsearch;
    private final HttpClient http = HttpClient.newHttpClient();

    IngestItSupport(int port, DiskJournal journal, MeterRegistry registry, ElasticsearchClient elasticsearch) {
        this.base = URI.create("http://localhost:" + port);
        this.journal = journal;
        this.registry = registry;
        this.elasticsearch = elasticsearch;
    }

    String createKey(String name) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/admin/api-keys"))
                .header("Authorization", basicAdmin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> ingest(String key, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/ingest")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "ApiKey " + key).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getAsAdmin(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", basicAdmin()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the shipper has confirmed everything journaled. */
    void awaitLagZero() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (journal.endPosition() > journal.checkpoint() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(journal.endPosition() - journal.checkpoint()).as("journal lag").isZero();
    }

    /** Waits until {@code received} grew by {@code lines} since {@code before}, then for the shipper. */
    void awaitReceivedAndShipped(Counts before, long lines) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (counts().received() - before.received() < lines && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        awaitLagZero();
    }

    Counts counts() {
        return new Counts(sum("logwarden.ingest.received", null, null), sum("logwarden.ingest.journaled", null, null),
                sum("logwarden.ingest.rejected", null, null), sum("logwarden.ingest.indexed", null, null),
                sum("logwarden.ingest.deadlettered", "kind", "line"), sum("logwarden.ingest.deadlettered", "kind", "event"),
                sum("logwarden.ingest.refused", null, null));
    }

    long sum(String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return Math.round(search.counters().stream().mapToDouble(c -> c.count()).sum());
    }

    List<JsonNode> events(String field, String value) throws IOException {
        elasticsearch.indices().refresh(r -> r.index("logwarden-events-*").allowNoIndices(true));
        return elasticsearch.search(s -> s.index("logwarden-events-*").allowNoIndices(true).size(10_000)
                        .query(q -> q.term(t -> t.field(field).value(value))), ObjectNode.class)
                .hits().hits().stream().map(Hit::source).map(JsonNode.class::cast).toList();
    }

    /** Dead letters received since {@code from} whose original line (text, or decoded base64) contains {@code marker}. */
    List<JsonNode> deadLetters(Instant from, String marker) throws IOException {
        elasticsearch.indices().refresh(r -> r.index("logwarden-deadletter-*").allowNoIndices(true));
        return elasticsearch.search(s -> s.index("logwarden-deadletter-*").allowNoIndices(true).size(10_000)
                        .query(q -> q.range(r -> r.date(d -> d.field("@timestamp").gte(from.toString())))),
                        ObjectNode.class)
                .hits().hits().stream().map(Hit::source).map(JsonNode.class::cast)
                .filter(d -> originalText(d).contains(marker)).toList();
    }

    static String originalText(JsonNode deadLetter) {
        String original = deadLetter.path("original").asText();
        if ("base64".equals(deadLetter.path("original_encoding").asText())) {
            return new String(Base64.getDecoder().decode(original), StandardCharsets.ISO_8859_1);
        }
        return original;
    }

    record Counts(long received, long journaled, long rejected, long indexed, long deadLetteredLines,
                  long deadLetteredEvents, long refused) {

        Counts minus(Counts o) {
            return new Counts(received - o.received, journaled - o.journaled, rejected - o.rejected,
                    indexed - o.indexed, deadLetteredLines - o.deadLetteredLines,
                    deadLetteredEvents - o.deadLetteredEvents, refused - o.refused);
        }
    }
}
