package io.logwarden.ingest.internal;

import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.IngestStatus;
import io.logwarden.ingest.IngestStatusService;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Reads the journal, the inputs, the shipper and the ingest meters. */
@Service
class DefaultIngestStatusService implements IngestStatusService {

    private final DiskJournal journal;
    private final MeterRegistry registry;
    private final IngestMetrics metrics;
    private final IngestProperties properties;
    private final IngestConfiguration.ShipperLifecycle shipper;
    private final IngestConfiguration.TcpInputLifecycle tcp;

    DefaultIngestStatusService(DiskJournal journal, MeterRegistry registry, IngestMetrics metrics,
                               IngestProperties properties, IngestConfiguration.ShipperLifecycle shipper,
                               IngestConfiguration.TcpInputLifecycle tcp) {
        this.journal = journal;
        this.registry = registry;
        this.metrics = metrics;
        this.properties = properties;
        this.shipper = shipper;
        this.tcp = tcp;
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    public IngestStatus current() {
        long lagBytes = Math.max(0, journal.endPosition() - journal.checkpoint());
        Timer bulk = registry.find("logwarden.ingest.bulk.latency").timer();
        long last = metrics.lastReceivedMillis();
        return new IngestStatus(journal.sizeBytes(), lagBytes, metrics.estimateRecords(lagBytes),
                properties.journal().maxSize().toBytes(), journal.corruptRecords(),
                sum("logwarden.ingest.received", null, null), sum("logwarden.ingest.journaled", null, null),
                byTag("logwarden.ingest.rejected", "reason"), sum("logwarden.ingest.dropped", null, null),
                sum("logwarden.ingest.indexed", null, null), byTag("logwarden.ingest.refused", "reason"),
                sum("logwarden.ingest.deadlettered", "kind", IngestMetrics.DeadLetterKind.LINE.tag()),
                sum("logwarden.ingest.deadlettered", "kind", IngestMetrics.DeadLetterKind.EVENT.tag()),
                sum("logwarden.ingest.unreadable", null, null), sum("logwarden.ingest.deadletter.refusals", null, null),
                last == 0 ? null : Instant.ofEpochMilli(last),
                bulk == null ? 0 : bulk.count(), bulk == null ? 0 : bulk.mean(TimeUnit.MILLISECONDS),
                bulk == null ? 0 : bulk.max(TimeUnit.MILLISECONDS),
                sum("logwarden.ingest.bulk.retries", null, null), sum("logwarden.ingest.journal.full", null, null),
                shipper.shipper().lastError(), tcp.input().openConnections());
    }

    private long sum(String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return Math.round(search.counters().stream().mapToDouble(Counter::count).sum());
    }

    private Map<String, Long> byTag(String name, String tag) {
        Map<String, Long> out = new TreeMap<>();
        registry.find(name).counters()
                .forEach(c -> out.merge(c.getId().getTag(tag), Math.round(c.count()), Long::sum));
        return out;
    }
}
