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
import org.springframework.boot.ssl.SslBundles;
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

    /** Inputs stop before the shipper, the shipper before the journal closes (bean destruction). */
    static final int SHIPPER_PHASE = Integer.MAX_VALUE - 2048;
    static final int INPUT_PHASE = SHIPPER_PHASE + 100;

    @Bean(destroyMethod = "close")
    DiskJournal ingestJournal(IngestProperties properties, LogwardenProperties logwarden) throws IOException {
        IngestProperties.Journal j = properties.journal();
        Path dir = j.directory() != null ? j.directory() : logwarden.dataDir().resolve("journal");
        int maxRecord = (int) Math.max(properties.tcp().maxLineSize().toBytes(), properties.http().maxLineSize().toBytes())
                + 64 * 1024;
        return DiskJournal.open(new JournalSettings(dir, j.segmentSize().toBytes(), j.maxSize().toBytes(), maxRecord,
                j.fsync(), j.fsyncInterval()));
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
    IngestPipeline ingestPipeline(EventNormalizer normalizer, DiskJournal journal, IngestMetrics metrics) {
        return new IngestPipeline(normalizer, journal, metrics);
    }

    @Bean
    TcpInputLifecycle tcpInput(IngestProperties properties, IngestPipeline pipeline, SslBundles sslBundles) {
        IngestProperties.Tcp tcp = properties.tcp();
        ServerSocketFactory sockets = tcp.sslBundle() == null || tcp.sslBundle().isBlank()
                ? ServerSocketFactory.getDefault()
                : sslBundles.getBundle(tcp.sslBundle()).createSslContext().getServerSocketFactory();
        return new TcpInputLifecycle(tcp.enabled() ? new TcpInput(pipeline, sockets, tcp.host(), tcp.port(),
                (int) tcp.maxLineSize().toBytes()) : null);
    }

    @Bean
    ShipperLifecycle journalShipper(IngestProperties properties, DiskJournal journal, EventBulkWriters writers,
                                    IngestMetrics metrics) {
        IngestProperties.Shipper s = properties.shipper();
        EventBulkWriter.Settings bulk = new EventBulkWriter.Settings(s.bulkActions(), s.bulkSize().toBytes(),
                s.concurrentRequests(), s.flushInterval().toMillis());
        return new ShipperLifecycle(s.enabled()
                ? new Shipper(journal, writers, bulk, s.minBackoff(), s.maxBackoff(), metrics) : null);
    }

    /** Starts and stops the TCP input with the application. */
    static final class TcpInputLifecycle implements SmartLifecycle {
        private final TcpInput input;
        private volatile boolean running;

        TcpInputLifecycle(TcpInput input) {
            this.input = input;
        }

        TcpInput input() {
            return input;
        }

        @Override
        public void start() {
            if (input != null) {
                try {
                    input.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot open the TCP ingest port", e);
                }
            }
            running = true;
        }

        @Override
        public void stop() {
            if (input != null) {
                try {
                    input.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            running = false;
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
        private final Shipper shipper;
        private volatile boolean running;

        ShipperLifecycle(Shipper shipper) {
            this.shipper = shipper;
        }

        Shipper shipper() {
            return shipper;
        }

        @Override
        public void start() {
            if (shipper != null) {
                shipper.start();
            }
            running = true;
        }

        @Override
        public void stop() {
            if (shipper != null) {
                shipper.close();
            }
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
