package io.logwarden.ingest.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.internal.bulk.IngesterBulkWriters;
import io.logwarden.testsupport.TestElasticsearch;
import io.logwarden.testsupport.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application with its Elasticsearch reached through a proxy the test cuts, or behind a write block,
 * while a TCP sender and an HTTP sender keep sending good lines, bad lines and documents Elasticsearch refuses.
 * Afterwards every line is in Elasticsearch exactly once (as an event or a dead letter) and the ingest metrics
 * balance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logwarden.data-dir=target/it-outage-data", "logwarden.export.poll-interval=1h",
        "logwarden.ingest.tcp.port=0",
        "logwarden.ingest.shipper.min-backoff=200ms",
        "logwarden.ingest.shipper.max-backoff=1s",
        "logwarden.anomaly.enabled=false",
        "logwarden.alert.enabled=false",
        "vaadin.productionMode=true",
        "logwarden.security.admin-password=" + TestUsers.ADMIN_PASSWORD})
@ContextConfiguration(initializers = IngestOutageIT.ThroughProxy.class)
class IngestOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCHES = 60;
    private static final int PER_BATCH = 50;
    private static TcpProxy proxy;

    /** Points the application at Elasticsearch through {@link #proxy}. */
    static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            URI es = TestElasticsearch.url();
            try {
                synchronized (IngestOutageIT.class) {
                    if (proxy == null) {
                        proxy = new TcpProxy(es.getHost(), es.getPort());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TestPropertyValues.of("logwarden.elasticsearch.url=http://127.0.0.1:" + proxy.port()).applyTo(context);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    IngestConfiguration.TcpInputLifecycle tcpInput;
    @Autowired
    DiskJournal journal;
    @Autowired
    MeterRegistry registry;
    @Autowired
    IngestConfiguration.ShipperLifecycle shipper;

    @AfterAll
    static void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void elasticsearch_unreachable_mid_stream_then_back_loses_nothing_and_duplicates_nothing() throws Exception {
        runThroughOutage(new Outage() {
            @Override
            public void begin() throws IOException {
                proxy.cut();
            }

            @Override
            public void end() throws IOException {
                proxy.restore();
            }
        });
    }

    @Test
    void a_write_block_on_the_events_index_is_retried_until_lifted() throws Exception {
        try (RestClient rest = RestClient.builder(HttpHost.create(TestElasticsearch.url().toString())).build()) {
            ElasticsearchClient direct = IngesterBulkWriters.singleBufferClient(rest);
            runThroughOutage(new Outage() {
                @Override
                public void begin() throws IOException {
                    String index = IndexNames.eventsIndex(Instant.now());
                    direct.indices().putSettings(p -> p.index(index).settings(s -> s.blocks(b -> b.write(true))));
                }

                @Override
                public void end() throws IOException {
                    String index = IndexNames.eventsIndex(Instant.now());
                    direct.indices().putSettings(p -> p.index(index).settings(s -> s.blocks(b -> b.write(false))));
                }
            });
        }
    }

    interface Outage {
        void begin() throws IOException;

        void end() throws IOException;
    }

    private void runThroughOutage(Outage outage) throws Exception {
        awaitLagZero();
        Counts before = settledCounts();
        String run = UUID.randomUUID().toString();
        String key = createKey("outage-" + run.substring(0, 8));
        List<String> tcpLines = lines(run, "tcp");
        List<String> httpLines = lines(run, "http");
        Thread tcp = Thread.ofPlatform().start(() -> sendTcp(tcpLines));
        Thread httpSender = Thread.ofPlatform().start(() -> sendHttp(key, httpLines));

        awaitIndexed(before.indexed + 300);
        outage.begin();
        long endAtStart = journal.endPosition();
        String errorWhileDown = null;
        long downUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < downUntil) { // inputs keep taking lines while shipping fails
            String error = shipper.shipper().lastError();
            errorWhileDown = error != null ? error : errorWhileDown;
            Thread.sleep(50);
        }
        long appendedWhileDown = journal.endPosition() - endAtStart;
        long lagWhileDown = lag();
        outage.end();
        tcp.join(Duration.ofMinutes(2));
        httpSender.join(Duration.ofMinutes(2));
        awaitLagZero();
        Counts after = settledCounts();

        assertThat(appendedWhileDown).as("the inputs keep journaling while Elasticsearch cannot take events")
                .isPositive();
        // only dead letters of bad lines (another index) can be shipped meanwhile: most of it is still unshipped
        assertThat(lagWhileDown).as("journal lag after the outage window").isGreaterThan(appendedWhileDown / 2);
        assertThat(errorWhileDown).isNotNull();
        assertThat(after.retries - before.retries).isPositive();

        int good = goodLines(tcpLines) + goodLines(httpLines);
        int refused = 2 * BATCHES / 10;
        int bad = tcpLines.size() + httpLines.size() - good - refused;
        Map<String, Integer> indexed = indexedMessages(run);
        assertThat(indexed).hasSize(good);
        assertThat(indexed.values()).as("no duplicates").allMatch(n -> n == 1);
        List<JsonNode> deadLetters = deadLetters(run, bad + refused);
        assertThat(deadLetters).hasSize(bad + refused);
        assertThat(deadLetters.stream().map(d -> d.get("reason").asText()).filter("malformed_json"::equals))
                .hasSize(bad);

        assertThat(after.received - before.received).isEqualTo(tcpLines.size() + httpLines.size());
        assertThat(after.journaled - before.journaled).isEqualTo(good + refused);
        assertThat(after.rejected - before.rejected).isEqualTo(bad);
        assertThat(after.indexed - before.indexed).isEqualTo(good);
        assertThat(after.deadLetteredEvents - before.deadLetteredEvents).isEqualTo(refused);
        assertThat(after.deadLetteredLines - before.deadLetteredLines).isEqualTo(bad);
        assertThat(after.journaled - before.journaled)
                .isEqualTo((after.indexed - before.indexed) + (after.deadLetteredEvents - before.deadLetteredEvents));
    }

    /** Every 25th line is malformed; every 10th batch carries one document too deep for the flattened labels. */
    private static List<String> lines(String run, String input) {
        List<String> lines = new ArrayList<>();
        String deep = "{\"x\":".repeat(12) + "1" + "}".repeat(12); // labels are flattened with depth_limit 10
        for (int b = 0; b < BATCHES; b++) {
            for (int i = 0; i < PER_BATCH; i++) {
                String id = input + "-" + b + "-" + i;
                if (i == 7 && b % 10 == 0) {
                    lines.add("{\"trace.id\":\"" + run + "\",\"message\":\"refused " + id + "\",\"labels\":{\"deep\":"
                            + deep + "}}");
                } else if ((b * PER_BATCH + i) % 25 == 0) {
                    lines.add("{\"message\": not json " + run + " " + id);
                } else {
                    lines.add("{\"trace.id\":\"" + run + "\",\"message\":\"" + id + "\",\"user.id\":\"u-" + i + "\"}");
                }
            }
        }
        return lines;
    }

    private static int goodLines(List<String> lines) {
        return (int) lines.stream().filter(l -> l.startsWith("{\"trace.id\"") && !l.contains("\"refused ")).count();
    }

    private void sendTcp(List<String> lines) {
        try (Socket socket = new Socket("127.0.0.1", tcpInput.input().port())) {
            OutputStream out = socket.getOutputStream();
            for (int b = 0; b < BATCHES; b++) {
                StringBuilder chunk = new StringBuilder();
                lines.subList(b * PER_BATCH, (b + 1) * PER_BATCH).forEach(l -> chunk.append(l).append('\n'));
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(130);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendHttp(String key, List<String> lines) {
        try {
            for (int b = 0; b < BATCHES; b++) {
                String body = String.join("\n", lines.subList(b * PER_BATCH, (b + 1) * PER_BATCH)) + "\n";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base().resolve("/api/v1/ingest"))
                        .header("Authorization", "ApiKey " + key).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).get("accepted").asInt()
                        + JSON.readTree(r.body()).get("rejected").asInt()).isEqualTo(PER_BATCH);
                Thread.sleep(130);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI base() {
        return URI.create("http://localhost:" + port);
    }

    private String createKey(String name) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base().resolve("/api/v1/admin/api-keys"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    private Map<String, Integer> indexedMessages(String run) throws IOException {
        try (RestClient rest = RestClient.builder(HttpHost.create(TestElasticsearch.url().toString())).build()) {
            ElasticsearchClient client = IngesterBulkWriters.singleBufferClient(rest);
            client.indices().refresh(r -> r.index("logwarden-events-*"));
            Map<String, Integer> seen = new HashMap<>();
            client.search(s -> s.index("logwarden-events-*").size(10_000)
                            .query(q -> q.term(t -> t.field("trace.id").value(run))), ObjectNode.class)
                    .hits().hits().stream().map(Hit::source)
                    .forEach(d -> seen.merge(d.get("message").asText(), 1, Integer::sum));
            return seen;
        }
    }

    /** Dead letters of this run: their original line names it ({@code original} is stored, not indexed). */
    private List<JsonNode> deadLetters(String run, int expected) throws Exception {
        try (RestClient rest = RestClient.builder(HttpHost.create(TestElasticsearch.url().toString())).build()) {
            ElasticsearchClient client = IngesterBulkWriters.singleBufferClient(rest);
            client.indices().refresh(r -> r.index("logwarden-deadletter-*").allowNoIndices(true));
            return client.search(s -> s.index("logwarden-deadletter-*").allowNoIndices(true).size(10_000)
                            .query(q -> q.range(r -> r.date(d -> d.field("@timestamp")
                                    .gte(Instant.now().minus(Duration.ofMinutes(30)).toString())))), ObjectNode.class)
                    .hits().hits().stream().map(Hit::source).map(JsonNode.class::cast)
                    .filter(d -> d.path("original").asText().contains(run)).toList();
        }
    }

    private long lag() {
        return journal.endPosition() - journal.checkpoint();
    }

    private void awaitLagZero() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (lag() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(lag()).as("journal lag").isZero();
    }

    /** The counters once they have not moved for a second: nothing from before this test is still in flight. */
    private Counts settledCounts() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Counts last = counts();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            Counts now = counts();
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= Duration.ofSeconds(1).toNanos()) {
                return now;
            }
        }
        throw new AssertionError("ingest counters kept moving before the test: " + last);
    }

    private void awaitIndexed(double count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (counts().indexed < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private Counts counts() {
        return new Counts(sum("logwarden.ingest.received", null), sum("logwarden.ingest.journaled", null),
                sum("logwarden.ingest.rejected", null), sum("logwarden.ingest.indexed", null),
                sum("logwarden.ingest.deadlettered", "line"), sum("logwarden.ingest.deadlettered", "event"),
                sum("logwarden.ingest.bulk.retries", null));
    }

    private long sum(String name, String kind) {
        var search = registry.find(name);
        if (kind != null) {
            search = search.tag("kind", kind);
        }
        return Math.round(search.counters().stream().mapToDouble(c -> c.count()).sum());
    }

    private record Counts(long received, long journaled, long rejected, long indexed, long deadLetteredLines,
                          long deadLetteredEvents, long retries) {
    }
}
