package io.logwarden.bench.export;

import io.logwarden.LogwardenApplication;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportOperations;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportSource;
import io.logwarden.export.ExportState;
import io.logwarden.export.TestEvents;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScanQuery;
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
import org.elasticsearch.client.RestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * bench/export: loads N events once ({@code -Dbench.events=N}, default 5,000,000; kept in the Elasticsearch of
 * {@code ES_URL} for the next run), then for two export sizes (N and {@code -Dbench.small-events}, default N/5)
 * measures, on the same data with the same fields, page size and scope, in the order scan, export as an admin,
 * export as a masked user, scan (so caches warmed by one pass favour neither side): rows/s of each pass, the export's
 * rate relative to the mean of the two bare scans, and each pass's peak used heap above idle (sampled every 50 ms).
 */
public final class ExportBenchmark {

    static final Instant START = Instant.parse("2018-01-01T00:00:00Z");
    static final int PER_DAY = 500_000;
    static final long SPACING_MILLIS = 150;
    static final List<String> FIELDS = List.of("@timestamp", "trace.id", "service.name", "organization.id",
            "user.email", "message");
    static final CurrentUser ADMIN = new CurrentUser("bench-admin", Set.of(Roles.ADMIN), AccessScope.EVERYTHING,
            true);
    static final CurrentUser MASKED = new CurrentUser("bench-masked", Set.of(Roles.COMPLIANCE),
            AccessScope.EVERYTHING, false);

    record Pass(String name, long rows, double seconds, long peakAboveIdle) {
        double rate() {
            return rows / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("bench.events", 5_000_000L);
        long small = Long.getLong("bench.small-events", events / 5);
        String url = TestElasticsearch.url().toString();
        System.out.println("Elasticsearch at " + url + (System.getenv("ES_URL") == null
                ? " (started for this run; set ES_URL to keep the data for the next run)" : " (ES_URL)"));
        // command-line arguments, not default properties: application.yml would override those (data-dir)
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LogwardenApplication.class).run(
                "--logwarden.elasticsearch.url=" + url, "--server.port=0", "--vaadin.productionMode=true",
                "--logwarden.data-dir=target/bench-data", "--logwarden.security.admin-password=bench-Secret-1",
                "--logwarden.ingest.tcp.port=0", "--logging.level.root=WARN")) {
            RestClient rest = app.getBean(RestClient.class);
            int days = (int) ((events + PER_DAY - 1) / PER_DAY);
            long loadStart = System.nanoTime();
            for (int day = 0; day < days; day++) {
                load(rest, day, (int) Math.min(PER_DAY, events - (long) day * PER_DAY));
            }
            System.out.printf("data: %,d events in %d daily indices (loaded or found in %.1f s)%n", events, days,
                    (System.nanoTime() - loadStart) / 1e9);
            Bench bench = new Bench(app.getBean(EventScanner.class), app.getBean(ExportOperations.class),
                    app.getBean(ExportProperties.class));
            List<String> summary = new ArrayList<>();
            for (long size : List.of(small, events)) {
                summary.addAll(bench.run(size, end(size)));
            }
            System.out.println();
            System.out.println("| events | pass | rows/s | vs. bare scan | peak heap above idle |");
            System.out.println("|---|---|---|---|---|");
            summary.forEach(System.out::println);
            System.out.printf("%nTargets: export >= 80 %% of the bare scan's rate; heap flat (<= 256 MiB above idle)"
                    + " at both sizes. Max heap %,d MiB. Load average now: %.1f%n",
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    /** The end of the range holding the first {@code rows} events (events are spaced evenly within each day). */
    static Instant end(long rows) {
        long day = rows / PER_DAY;
        long rest = rows % PER_DAY;
        return START.plus(day, ChronoUnit.DAYS).plusMillis(rest * SPACING_MILLIS);
    }

    private record Bench(EventScanner scanner, ExportOperations exports, ExportProperties properties) {

        List<String> run(long size, Instant to) throws InterruptedException {
            List<Pass> passes = List.of(scan("bare scan (1st)", to), export("CSV export, admin", ADMIN, to),
                    export("CSV export, masked user", MASKED, to), scan("bare scan (2nd)", to));
            double scanRate = (passes.get(0).rate() + passes.get(3).rate()) / 2;
            List<String> rows = new ArrayList<>();
            for (Pass pass : passes) {
                if (pass.rows() != size) {
                    throw new IllegalStateException(pass.name() + " read " + pass.rows() + " rows, expected " + size);
                }
                rows.add(String.format("| %,d | %s | %,.0f (%.1f s) | %.0f %% | %,d MiB |", size, pass.name(),
                        pass.rate(), pass.seconds(), 100 * pass.rate() / scanRate, pass.peakAboveIdle() >> 20));
                System.out.println(rows.getLast());
            }
            return rows;
        }

        private Pass scan(String name, Instant to) throws InterruptedException {
            Measurement m = Measurement.start();
            ScanQuery query = ScanQuery.all(List.of(IndexNames.EVENTS_ALIAS), START, to, FIELDS);
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
            return m.finish(name, rows);
        }

        private Pass export(String name, CurrentUser user, Instant to) throws InterruptedException {
            Measurement m = Measurement.start();
            ExportJob job = exports.submit(user, new ExportRequest("", START, to, FIELDS, ExportFormat.CSV, false),
                    ExportJob.PURPOSE_SEARCH, ExportSource.search(List.of(IndexNames.EVENTS_ALIAS),
                            List.of("message", "error.message"), false));
            while (!exports.find(job.id()).orElseThrow().state().finished()) {
                Thread.sleep(50);
            }
            ExportJob done = exports.find(job.id()).orElseThrow();
            if (done.state() != ExportState.COMPLETED) {
                throw new IllegalStateException(name + ": " + done.state() + " " + done.error());
            }
            return m.finish(name + String.format(" (file %,d MiB)", done.bytes() >> 20), done.rows());
        }
    }

    /** Wall time and peak used heap above the idle heap (after a GC) of one pass. */
    private record Measurement(long idle, long startNanos, HeapSampler sampler) {

        static Measurement start() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long idle = memory.getHeapMemoryUsage().getUsed();
            HeapSampler sampler = new HeapSampler(memory);
            sampler.start();
            return new Measurement(idle, System.nanoTime(), sampler);
        }

        Pass finish(String name, long rows) throws InterruptedException {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            sampler.finish();
            return new Pass(name, rows, seconds, Math.max(0, sampler.peak - idle));
        }
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
                docs.add(Map.entry(id, TestEvents.event(dayStart.plusMillis(i * SPACING_MILLIS), id,
                        "org-" + (i % 7), "svc-" + (i % 13), "u" + (i % 1000), "u" + (i % 1000) + "@example.com",
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

        HeapSampler(MemoryMXBean memory) {
            this.memory = memory;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
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
