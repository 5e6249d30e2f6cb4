package io.logwarden.ingest.internal;

import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.IngestStatus;
import io.logwarden.ingest.IngestStatusService;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.ship.Shipper;
import io.logwarden.ingest.internal.tcp.TcpInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.util.Map;
import java.util.TreeMap;

/** Reads the journal and the ingest meters. */
@Service
class DefaultIngestStatusService implements IngestStatusService {

    private final DiskJournal journal;
    private final MeterRegistry registry;
    private final IngestProperties properties;
    private final IngestConfiguration.ShipperLifecycle shipper;
    private final IngestConfiguration.TcpInputLifecycle tcp;

    DefaultIngestStatusService(DiskJournal journal, MeterRegistry registry, IngestProperties properties,
                               IngestConfiguration.ShipperLifecycle shipper, IngestConfiguration.TcpInputLifecycle tcp) {
        this.journal = journal;
        this.registry = registry;
        this.properties = properties;
        this.shipper = shipper;
        this.tcp = tcp;
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    public IngestStatus current() {
        Map<String, Long> rejected = new TreeMap<>();
        registry.find("logwarden.ingest.rejected").counters()
                .forEach(c -> rejected.merge(c.getId().getTag("reason"), (long) c.count(), Long::sum));
        Shipper s = shipper.shipper();
        TcpInput input = tcp.input();
        return new IngestStatus(journal.sizeBytes(), journal.endPosition() - journal.checkpoint(),
                properties.journal().maxSize().toBytes(), sum("logwarden.ingest.received"),
                sum("logwarden.ingest.journaled"), sum("logwarden.ingest.indexed"),
                sum("logwarden.ingest.deadlettered"), rejected, s == null ? null : s.lastError(),
                input == null ? 0 : input.openConnections());
    }

    private long sum(String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
