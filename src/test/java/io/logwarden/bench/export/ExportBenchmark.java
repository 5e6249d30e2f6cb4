package io.logwarden.bench.export;

import io.logwarden.LogwardenApplication;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportOperations;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportState;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.TestEvents;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.ScanQuery;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.testsupport.TestElasticsearch;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * bench/export: loads N events (default 5,000,000; {@code -Dbench.events=N}), then in the same run measures a bare
 * point-in-time + search_after scan and a full CSV export of the same data with the same fields, page size and scope,
 * and prints rows/s, their ratio and the peak heap above idle (sampled every 50 ms).
 */
public final class ExportBenchmark {

    static final Instant START = Instant.parse("2018-01-01T00:00:00Z");
    static final int PER_DAY = 500_000;
    static final List<String> FIELDS = List.of("@timestamp", "trace.id", "service.name", "organization.id",
            "user.email", "message");

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("bench.events", 5_000_000L);
        String url = TestElasticsearch.url().toString();
        System.out.println("Elasticsearch at " + url);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LogwardenApplication.class).properties(
                "logwarden.elasticsearch.url=" + url, "server.port=0", "vaadin.productionMode=true",
                "logwarden.data-dir=target/bench-data", "logwarden.security.admin-password=bench-Secret-1",
                "logging.level.root=WARN").run()) {
            RestClient rest = app.getBean(RestClient.class);
            int days = (int) ((events + PER_DAY - 1) / PER_DAY);
            long loadStart = System.nanoTime();
            for (int day = 0; day < days; day++) {
                load(rest, day, (int) Math.min(PER_DAY, events - (long) day * PER_DAY));
            }
            System.out.printf("loaded %,d events into %d daily indices in %.1f s%n", events, days,
                    (System.nanoTime() - loadStart) / 1e9);
            Instant to = START.plus(days, ChronoUnit.DAYS);
            EventScanner scanner = app.getBean(EventScanner.class);
            ExportOperations exports = app.getBean(ExportOperations.class);
            ExportProperties properties = app.getBean(ExportProperties.class);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

            System.gc();
            long idle = memory.getHeapMemoryUsage().getUsed();
            HeapSampler scanHeap = HeapSampler.start(memory);
            long scanStart = System.nanoTime();
            long scanned = bareScan(scanner, new ScanQuery(List.of(IndexNames.EVENTS_ALIAS), "", START, to, Map.of(),
                    FIELDS), properties);
            double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
            scanHeap.finish();

            System.gc();
            long idleExport = memory.getHeapMemoryUsage().getUsed();
            HeapSampler exportHeap = HeapSampler.start(memory);
            long exportStart = System.nanoTime();
            CurrentUser admin = new CurrentUser("bench", Set.of(Roles.ADMIN), AccessScope.EVERYTHING, true);
            ExportJob job = exports.submit(admin, new ExportRequest("", START, to, FIELDS, ExportFormat.CSV, false),
                    ExportJob.PURPOSE_SEARCH, List.of(IndexNames.EVENTS_ALIAS), Map.of());
            while (!exports.find(job.id()).orElseThrow().state().finished()) {
                Thread.sleep(100);
            }
            double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
            exportHeap.finish();
            ExportJob done = exports.find(job.id()).orElseThrow();
            if (done.state() != ExportState.COMPLETED || done.rows() != scanned) {
                throw new IllegalStateException("Export " + done.state() + " with " + done.rows() + " rows, scan "
                        + scanned + ": " + done.error());
            }
            double scanRate = scanned / scanSeconds;
            double exportRate = done.rows() / exportSeconds;
            System.out.printf("bare scan:  %,d rows in %.1f s = %,.0f rows/s, peak heap %,d MiB above idle%n",
                    scanned, scanSeconds, scanRate, (scanHeap.peak - idle) >> 20);
            System.out.printf("CSV export: %,d rows in %.1f s = %,.0f rows/s, peak heap %,d MiB above idle, "
                    + "file %,d MiB%n", done.rows(), exportSeconds, exportRate, (exportHeap.peak - idleExport) >> 20,
                    done.bytes() >> 20);
            System.out.printf("export / scan rate: %.0f %%  (target >= 80 %%); heap target <= 256 MiB above idle%n",
                    100 * exportRate / scanRate);
            System.out.printf("max heap %,d MiB, idle %,d MiB%n", memory.getHeapMemoryUsage().getMax() >> 20,
                    idle >> 20);
        }
        System.exit(0);
    }

    private static long bareScan(EventScanner scanner, ScanQuery query, ExportProperties properties) {
        ScanCursor cursor = scanner.open(query, properties.pointInTimeKeepAlive());
        long rows = 0;
        while (true) {
            ScanPage page = scanner.next(query, ScopeFilter.UNRESTRICTED, cursor, properties.pageSize(),
                    properties.pointInTimeKeepAlive());
            rows += page.events().size();
            cursor = page.next();
            if (page.last()) {
                break;
            }
        }
        scanner.close(cursor);
        return rows;
    }

    private static void load(RestClient rest, int day, int count) {
        Instant dayStart = START.plus(day, ChronoUnit.DAYS);
        String index = IndexNames.eventsIndex(dayStart);
        if (TestEvents.count(rest, index) == count) {
            return;
        }
        int batch = 50_000;
        for (int from = 0; from < count; from += batch) {
            List<Map.Entry<String, Map<String, Object>>> docs = new ArrayList<>(batch);
            for (int i = from; i < Math.min(count, from + batch); i++) {
                String id = "b" + day + "-" + i;
                docs.add(Map.entry(id, TestEvents.event(dayStart.plusMillis(i * 150L), id, "org-" + (i % 7),
                        "svc-" + (i % 13), "u" + (i % 1000), "u" + (i % 1000) + "@example.com",
                        "request handled in " + (i % 500) + " ms for order " + i)));
            }
            TestEvents.load(rest, index, docs);
        }
    }

    /** Samples used heap until stopped and keeps the maximum. */
    static final class HeapSampler extends Thread {
        private final MemoryMXBean memory;
        private volatile boolean running = true;
        volatile long peak;
        private final AtomicLong samples = new AtomicLong();

        private HeapSampler(MemoryMXBean memory) {
            this.memory = memory;
            setDaemon(true);
        }

        static HeapSampler start(MemoryMXBean memory) {
            HeapSampler sampler = new HeapSampler(memory);
            sampler.start();
            return sampler;
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                samples.incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join();
        }
    }
}
