package io.logwarden.ingest.internal;

import io.logwarden.event.EventNormalizer;
import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.IngestStatus;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultIngestStatusServiceTest {

    @TempDir
    Path dir;

    @Test
    void reports_journal_state_counts_by_reason_and_the_last_receive_time() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DiskJournal journal = DiskJournal.open(JournalSettings.defaults(dir))) {
            IngestMetrics metrics = new IngestMetrics(registry);
            metrics.bindJournal(journal);
            Instant before = Instant.now().minusMillis(1);
            IngestPipeline.Batch batch = new IngestPipeline(new EventNormalizer(), journal, metrics).newBatch("tcp");
            for (String line : new String[] {"{\"message\":\"ok\"}", "nope", "[1]", "{\"message\":\"ok2\"}"}) {
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                batch.add(b, 0, b.length);
            }
            batch.commit(Duration.ZERO);
            IngestProperties properties = new IngestProperties(null, null, new IngestProperties.Journal(dir,
                    DataSize.ofMegabytes(64), DataSize.ofGigabytes(4), null, null), null, null);
            IngestStatus status = new DefaultIngestStatusService(journal, registry, metrics, properties,
                    new IngestConfiguration.ShipperLifecycle(ShippingProcess.DISABLED),
                    new IngestConfiguration.TcpInputLifecycle(ListeningInput.DISABLED)).current();

            assertThat(status.received()).isEqualTo(4);
            assertThat(status.journaled()).isEqualTo(2);
            assertThat(status.rejectedByReason()).containsEntry("malformed_json", 1L).containsEntry("not_an_object", 1L);
            assertThat(status.received()).isEqualTo(status.journaled() + status.rejected());
            assertThat(status.journalLagBytes()).isEqualTo(journal.endPosition()).isPositive();
            assertThat(status.journalLagRecords()).isEqualTo(4);
            assertThat(status.journalMaxBytes()).isEqualTo(4L << 30);
            assertThat(status.lastEventReceived()).isAfter(before);
            assertThat(status.indexed()).isZero();
            assertThat(status.shipperError()).isNull();
            assertThat(status.tcpConnections()).isZero();
        }
    }
}
