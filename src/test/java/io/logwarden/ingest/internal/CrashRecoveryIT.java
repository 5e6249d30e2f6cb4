package io.logwarden.ingest.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.ingest.FsyncPolicy;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalReader;
import io.logwarden.ingest.internal.journal.JournalRecord;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.logwarden.storage.internal.bulk.IngesterBulkWriters;
import io.logwarden.testsupport.LogwardenProcess;
import io.logwarden.testsupport.TestElasticsearch;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logwarden as a child JVM, killed with SIGKILL while four HTTP senders stream events in and while its Elasticsearch
 * is unreachable (a proxy the test cuts), so the journal provably holds acknowledged, unshipped events at the kill;
 * then restarted on the same journal with Elasticsearch back.
 */
class CrashRecoveryIT {

    // The test run's Elasticsearch may already hold the admin account other ITs created with this password.
    private static final String PASSWORD = io.logwarden.testsupport.TestUsers.ADMIN_PASSWORD;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void every_acknowledged_http_event_is_indexed_exactly_once_after_kill_9() throws Exception {
        URI es = TestElasticsearch.url();
        String run = UUID.randomUUID().toString();
        Path work = Path.of("target", "crash-it-" + run.substring(0, 8)).toAbsolutePath();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (TcpProxy proxy = new TcpProxy(es.getHost(), es.getPort())) {
            String[] args = {"--logwarden.elasticsearch.url=http://127.0.0.1:" + proxy.port(),
                    "--logwarden.data-dir=" + work.resolve("data"), "--logwarden.ingest.tcp.port=0",
                    "--logwarden.security.admin-password=" + PASSWORD, "--vaadin.productionMode=true",
                    "--logwarden.anomaly.enabled=false", "--logwarden.alert.enabled=false"};
            int acknowledgedAtCut;
            LogwardenProcess first = LogwardenProcess.start(work, Map.of(), args);
            try {
                first.awaitHealthy(Duration.ofMinutes(5));
                String key = createKey(first.url());
                List<Thread> senders = new ArrayList<>();
                for (int s = 0; s < 4; s++) {
                    String sender = "s" + s;
                    senders.add(Thread.ofPlatform().start(() -> sendUntilFailure(first.url(), key, run, sender,
                            acknowledged)));
                }
                awaitAcknowledged(acknowledged, 400, senders); // soon: API keys are re-verified in Elasticsearch every 30 s
                proxy.cut(); // shipping stops; the senders keep getting durable acknowledgements
                acknowledgedAtCut = acknowledged.size();
                awaitAcknowledged(acknowledged, acknowledgedAtCut + 1000, senders);
                first.kill();
                for (Thread sender : senders) {
                    sender.join(Duration.ofMinutes(2));
                }
            } finally {
                first.kill();
            }
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(acknowledgedAtCut + 1000);
            assertThat(unshippedEventsOf(work.resolve("data").resolve("journal"), run))
                    .as("acknowledged events of this run were still only in the journal at the kill")
                    .isGreaterThanOrEqualTo(1000);
            proxy.restore();

            try (LogwardenProcess second = LogwardenProcess.start(work, Map.of(), args);
                 RestClient rest = RestClient.builder(HttpHost.create(es.toString())).build()) {
                second.awaitHealthy(Duration.ofMinutes(5));
                ElasticsearchClient client = IngesterBulkWriters.singleBufferClient(rest);
                Map<String, Integer> seen = new HashMap<>();
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (System.nanoTime() < deadline) {
                    client.indices().refresh(r -> r.index("logwarden-events-*"));
                    List<ObjectNode> docs = client.search(s -> s.index("logwarden-events-*").size(10_000)
                                    .query(q -> q.term(t -> t.field("trace.id").value(run))), ObjectNode.class)
                            .hits().hits().stream().map(Hit::source).toList();
                    seen.clear();
                    docs.forEach(d -> seen.merge(d.get("message").asText(), 1, Integer::sum));
                    if (seen.keySet().containsAll(acknowledged)) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(seen.keySet()).containsAll(acknowledged);
                assertThat(seen.values()).allMatch(count -> count == 1);
            }
        }
    }

    private static void awaitAcknowledged(Set<String> acknowledged, int count, List<Thread> senders)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (acknowledged.size() < count && senders.stream().anyMatch(Thread::isAlive)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /**
     * Opens the dead process's journal (recovering a torn tail, as the restart will) and counts this run's events
     * between its checkpoint and its end: what Elasticsearch had not confirmed when the process died.
     */
    private static int unshippedEventsOf(Path journalDir, String run) throws Exception {
        int maxRecord = (2 << 20) + 80 * 1024; // the default max-line-size's record limit
        try (DiskJournal journal = DiskJournal.open(new JournalSettings(journalDir, 64L << 20, 4L << 30, maxRecord,
                FsyncPolicy.NONE, Duration.ofMillis(100)));
             JournalReader reader = journal.reader(journal.checkpoint())) {
            int events = 0;
            List<JournalRecord> records;
            while (!(records = reader.poll(10_000, 64 << 20)).isEmpty()) {
                for (JournalRecord record : records) {
                    if (JournalEntry.decode(record.payload()) instanceof JournalEntry.Event e
                            && JSON.readTree(e.json()).at("/trace/id").asText().equals(run)) {
                        events++;
                    }
                }
            }
            return events;
        }
    }

    private void sendUntilFailure(URI base, String key, String run, String sender, Set<String> acknowledged) {
        for (int batch = 0; ; batch++) {
            List<String> messages = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                String message = "crash " + sender + "-" + batch + "-" + i;
                messages.add(message);
                body.append("{\"@timestamp\":\"").append(Instant.now()).append("\",\"message\":\"").append(message)
                        .append("\",\"trace.id\":\"").append(run).append("\"}\n");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/ingest"))
                        .header("Authorization", "ApiKey " + key).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || JSON.readTree(r.body()).get("accepted").asInt() != 100) {
                    return;
                }
                acknowledged.addAll(messages);
            } catch (Exception e) {
                return; // the process was killed
            }
        }
    }

    private String createKey(URI base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/admin/api-keys"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash\"}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode created = JSON.readTree(r.body());
        return created.get("key").asText();
    }
}
