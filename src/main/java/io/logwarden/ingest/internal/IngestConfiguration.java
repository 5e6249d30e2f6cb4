package io.logwarden.ingest.internal;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.event.EventNormalizer;
import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.logwarden.ingest.internal.ship.Shipper;
import io.logwarden.ingest.internal.tcp.TcpInput;
import io.logwarden.storage.EventBulkWriter;
import io.logwarden.storage.EventBulkWriters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Wires ingestion: journal, pipeline, TCP input and shipper, started and stopped with the application. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Inputs stop (draining their connections) before the shipper, the shipper before the journal closes. */
    static final int SHIPPER_PHASE = Integer.MAX_VALUE - 2048;
    static final int INPUT_PHASE = SHIPPER_PHASE + 100;

    @Bean(destroyMethod = "close")
    DiskJournal ingestJournal(IngestProperties properties, LogwardenProperties logwarden) throws IOException {
        IngestProperties.Journal j = properties.journal();
        Path dir = j.directory() != null ? j.directory() : logwarden.dataDir().resolve("journal");
        return DiskJournal.open(new JournalSettings(dir, j.segmentSize().toBytes(), j.maxSize().toBytes(),
                (int) properties.maxJournalRecordBytes(), j.fsync(), j.fsyncInterval()));
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry, DiskJournal journal) {
        IngestMetrics metrics = new IngestMetrics(registry);
        metrics.bindJournal(journal);
        return metrics;
    }

    @Bean
    EventNormalizer eventNormalizer(IngestProperties properties) {
        IngestProperties.Normalization n = properties.normalization();
        return new EventNormalizer(new EventNormalizer.Settings(n.maxPast(), n.maxFuture(), n.maxNestingDepth()));
    }

    @Bean
    IngestPipeline ingestPipeline(EventNormalizer normalizer, DiskJournal journal, IngestMetrics metrics,
                                  IngestProperties properties) {
        return new IngestPipeline(normalizer, journal, metrics, (int) properties.maxJournalRecordBytes());
    }

    @Bean
    TcpInputLifecycle tcpInput(IngestProperties properties, IngestPipeline pipeline, SslBundles sslBundles,
                               IngestMetrics metrics) {
        IngestProperties.Tcp tcp = properties.tcp();
        if (!tcp.enabled()) {
            return new TcpInputLifecycle(ListeningInput.DISABLED);
        }
        ServerSocketFactory sockets = ServerSocketFactory.getDefault();
        SslOptions tls = SslOptions.NONE;
        if (tcp.sslBundle() != null && !tcp.sslBundle().isBlank()) {
            SslBundle bundle = sslBundles.getBundle(tcp.sslBundle());
            sockets = bundle.createSslContext().getServerSocketFactory();
            tls = bundle.getOptions();
        }
        TcpInput input = new TcpInput(pipeline, sockets, new TcpInput.Settings(tcp.host(), tcp.port(),
                (int) tcp.maxLineSize().toBytes(), tcp.maxConnections(), tcp.readTimeout(), tcp.handshakeTimeout(),
                tcp.drainTimeout(), tls.getEnabledProtocols(), tls.getCiphers()));
        metrics.bindTcpConnections(input::openConnections);
        return new TcpInputLifecycle(input);
    }

    @Bean
    ShipperLifecycle journalShipper(IngestProperties properties, DiskJournal journal, EventBulkWriters writers,
                                    IngestMetrics metrics) {
        IngestProperties.Shipper s = properties.shipper();
        if (!s.enabled()) {
            return new ShipperLifecycle(ShippingProcess.DISABLED);
        }
        EventBulkWriter.Settings bulk = new EventBulkWriter.Settings(s.bulkActions(), s.bulkSize().toBytes(),
                s.concurrentRequests(), s.flushInterval().toMillis());
        return new ShipperLifecycle(new Shipper(journal, writers, bulk, s.minBackoff(), s.maxBackoff(), metrics));
    }

    /** Starts and stops the TCP input with the application. */
    static final class TcpInputLifecycle implements SmartLifecycle {
        private final ListeningInput input;
        private volatile boolean running;

        TcpInputLifecycle(ListeningInput input) {
            this.input = input;
        }

        ListeningInput input() {
            return input;
        }

        @Override
        public void start() {
            try {
                input.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the TCP ingest port", e);
            }
            running = true;
        }

        @Override
        public void stop() {
            try {
                input.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                running = false;
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return INPUT_PHASE;
        }
    }

    /** Starts and stops the shipper with the application. */
    static final class ShipperLifecycle implements SmartLifecycle {
        private final ShippingProcess shipper;
        private volatile boolean running;

        ShipperLifecycle(ShippingProcess shipper) {
            this.shipper = shipper;
        }

        ShippingProcess shipper() {
            return shipper;
        }

        @Override
        public void start() {
            shipper.start();
            running = true;
        }

        @Override
        public void stop() {
            shipper.close();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return SHIPPER_PHASE;
        }
    }
}
