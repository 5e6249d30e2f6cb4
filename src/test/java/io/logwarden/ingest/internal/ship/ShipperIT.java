package io.logwarden.ingest.internal.ship;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.event.EventNormalizer;
import io.logwarden.ingest.FsyncPolicy;
import io.logwarden.ingest.internal.IngestMetrics;
import io.logwarden.ingest.internal.IngestPipeline;
import io.logwarden.ingest.internal.TcpProxy;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.logwarden.storage.EventBulkWriter;
import io.logwarden.storage.internal.bulk.IngesterBulkWriters;
import io.logwarden.testsupport.TestElasticsearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipper against a real Elasticsearch reached through a proxy the test cuts mid-stream. */
class ShipperIT {

    @TempDir
    Path dir;

    @Test
    void elasticsearch_unreachable_mid_stream_then_back_indexes_every_event_exactly_once() throws Exception {
        URI es = TestElasticsearch.url();
        String run = UUID.randomUUID().toString();
        int total = 6000;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry);
        try (TcpProxy proxy = new TcpProxy(es.getHost(), es.getPort());
             RestClient viaProxy = RestClient.builder(new HttpHost("127.0.0.1", proxy.port(), "http"))
                     .setRequestConfigCallback(r -> r.setConnectTimeout(1000).setSocketTimeout(5000)).build();
             RestClient direct = RestClient.builder(HttpHost.create(es.toString())).build();
             DiskJournal journal = DiskJournal.open(new JournalSettings(dir, 1 << 20, 256 << 20, 64 * 1024,
                     FsyncPolicy.BATCH, Duration.ofMillis(50)))) {
            IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), journal, metrics);
            Shipper shipper = new Shipper(journal, new IngesterBulkWriters(viaProxy),
                    new EventBulkWriter.Settings(200, 1 << 20, 2, 100), Duration.ofMillis(200), Duration.ofSeconds(1),
                    metrics);
            shipper.start();
            try {
                Thread producer = Thread.ofPlatform().start(() -> produce(pipeline, run, total));
                awaitIndexed(registry, total / 4);
                proxy.cut();
                Thread.sleep(3000); // Elasticsearch "down" while events keep arriving
                long lagWhileDown = journal.endPosition() - journal.checkpoint();
                proxy.restore();
                producer.join();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (journal.checkpoint() < journal.endPosition() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(journal.checkpoint()).isEqualTo(journal.endPosition());
                assertThat(lagWhileDown).isPositive();
                assertThat(registry.find("logwarden.ingest.bulk.retries").counter().count()).isPositive();
            } finally {
                shipper.close();
            }

            ElasticsearchClient client = IngesterBulkWriters.singleBufferClient(direct);
            client.indices().refresh(r -> r.index("logwarden-events-*"));
            List<ObjectNode> docs = client.search(s -> s.index("logwarden-events-*").size(10_000)
                            .query(q -> q.matchPhrase(m -> m.field("trace.id").query(run))), ObjectNode.class)
                    .hits().hits().stream().map(Hit::source).toList();
            Set<String> messages = new HashSet<>();
            docs.forEach(d -> messages.add(d.get("message").asText()));
            assertThat(docs).hasSize(total);
            assertThat(messages).hasSize(total);
            assertThat(registry.find("logwarden.ingest.indexed").counter().count())
                    .as("replays re-send confirmed records but count each journal position once").isEqualTo(total);
        }
    }

    private static void produce(IngestPipeline pipeline, String run, int total) {
        try {
            for (int i = 0; i < total; ) {
                IngestPipeline.Batch batch = pipeline.newBatch("test");
                for (int j = 0; j < 50 && i < total; j++, i++) {
                    byte[] line = ("{\"@timestamp\":\"" + Instant.now() + "\",\"message\":\"event " + i
                            + "\",\"trace.id\":\"" + run + "\"}").getBytes(StandardCharsets.UTF_8);
                    batch.add(line, 0, line.length);
                }
                batch.commit(Duration.ofSeconds(30));
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitIndexed(SimpleMeterRegistry registry, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (registry.find("logwarden.ingest.indexed").counter().count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
