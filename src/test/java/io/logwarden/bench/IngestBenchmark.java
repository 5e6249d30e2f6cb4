package io.logwarden.bench;

import io.logwarden.testsupport.TestElasticsearch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ingest benchmark against one Elasticsearch (ES_URL, else the local test distribution). Logwarden runs as a child
 * JVM ({@code java -Xmx512m -jar}); after a warm-up, three phases each index N events into a fresh daily index of
 * their own (same template): the raw {@code _bulk} ceiling (the documents Logwarden would index, pre-built, with
 * explicit ids, posted with Logwarden's bulk size, concurrency and {@code filter_path}), then N lines through the
 * TCP input, then N through the HTTP input. Each phase is timed from the first byte sent until Elasticsearch
 * confirmed every event, and its index is checked to hold exactly N documents. Prints events/s, ratio to the
 * ceiling, Logwarden's and Elasticsearch's CPU-seconds per million events and Logwarden's peak heap (from its GC log).
 * Args: [events per phase, default 200000]. System property {@code bench.jvmArgs}: extra options for the child JVM
 * (e.g. {@code -XX:StartFlightRecording=filename=/tmp/lw.jfr}).
 */
public final class IngestBenchmark {

    /** What the shipper's bulk writer asks Elasticsearch to answer (storage.internal.bulk.IngesterBulkWriter). */
    static final String FILTER_PATH = "took,errors,items.*._index,items.*.status,items.*.error";
    private static final int BULK_DOCUMENTS = 2000;
    private static final int BULK_CONCURRENCY = 2;
    private static final int TCP_CONNECTIONS = 4;
    private static final int HTTP_CLIENTS = 4;
    private static final int HTTP_LINES = 1000;
    /** Events per input sent before the phases, so that they measure compiled code (bench.warmUp to change). */
    private static final int WARM_UP = Integer.getInteger("bench.warmUp", 200_000);
    static final String PASSWORD = "bench-Admin-Secret-1";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Phase(String name, double rate, double logwardenCpuPerMillion, double esCpuPerMillion, GcLog.Window gc) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        URI es = TestElasticsearch.url();
        ElasticsearchCpu esCpu = ElasticsearchCpu.of(es, HTTP);
        System.out.printf("Elasticsearch %s (CPU from %s), %,d events per phase, %d CPUs, load average at start %s%n",
                es, esCpu.source(), n, Runtime.getRuntime().availableProcessors(), loadAverage());
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // One fresh daily index per phase, well inside the 30-day timestamp window.
        LocalDate[] days = {today.minusDays(13), today.minusDays(12), today.minusDays(11), today.minusDays(10)};
        List<String> indices = Stream.of(days).map(d -> "logwarden-events-" + d.format(DAY)).toList();
        for (String index : indices) {
            if (HTTP.send(HttpRequest.newBuilder(es.resolve("/" + index)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 404) {
                throw new IllegalStateException(index + " already exists: run the benchmark against a scratch Elasticsearch");
            }
        }
        Path work = Files.createTempDirectory("logwarden-bench");
        try (LogwardenChild app = LogwardenChild.start(work, es)) {
            String key = app.createKey();
            GcLog gc = new GcLog(work.resolve("gc.log"));
            long indexed = 0;

            BenchData warm = BenchData.lines(work.resolve("warm.ndjson"), WARM_UP, HTTP_LINES, 9, run, startOf(days[0]));
            sendTcp(app.tcpPort, warm, 2);
            sendHttp(app, key, warm, 2);
            indexed += 2L * WARM_UP;
            app.awaitIndexed(es, indices.get(0), 2L * WARM_UP, indexed);
            warm.delete();

            BenchData bulk = BenchData.bulkBodies(work.resolve("ceiling.ndjson"), n, BULK_DOCUMENTS, 3, run,
                    startOf(days[1]), indices.get(1));
            quiet(esCpu);
            Window ceilingWindow = Window.start(app, esCpu, gc);
            postBulk(es, bulk);
            Phase ceiling = ceilingWindow.stop("raw _bulk ceiling", n);
            bulk.delete();

            BenchData tcpData = BenchData.lines(work.resolve("tcp.ndjson"), n, HTTP_LINES, 1, run, startOf(days[2]));
            quiet(esCpu);
            Window tcpWindow = Window.start(app, esCpu, gc);
            sendTcp(app.tcpPort, tcpData, TCP_CONNECTIONS);
            app.awaitIndexed(es, indices.get(2), n, indexed += n);
            Phase tcp = tcpWindow.stop("TCP input", n);
            tcpData.delete();

            BenchData httpData = BenchData.lines(work.resolve("http.ndjson"), n, HTTP_LINES, 2, run, startOf(days[3]));
            quiet(esCpu);
            Window httpWindow = Window.start(app, esCpu, gc);
            sendHttp(app, key, httpData, HTTP_CLIENTS);
            app.awaitIndexed(es, indices.get(3), n, indexed += n);
            Phase http = httpWindow.stop("HTTP input", n);
            httpData.delete();

            for (int i = 1; i < indices.size(); i++) {
                long count = count(es, indices.get(i));
                if (count != n) {
                    throw new IllegalStateException(indices.get(i) + " holds " + count + " documents, expected " + n);
                }
            }
            report(ceiling, List.of(tcp, http), ceilingWindow, gc);
        } finally {
            for (String index : indices) {
                HTTP.send(HttpRequest.newBuilder(es.resolve("/" + index)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
            deleteTree(work);
        }
    }

    /** Lets Elasticsearch finish the previous phase's merges first (they would be charged to the next phase). */
    private static void quiet(ElasticsearchCpu esCpu) throws Exception {
        System.out.printf(Locale.ROOT, "(waited %.0f s for Elasticsearch to be idle)%n", esCpu.awaitQuiet(Duration.ofMinutes(2)));
    }

    private static void report(Phase ceiling, List<Phase> paths, Window ceilingWindow, GcLog gc) {
        System.out.printf(Locale.ROOT, "%-18s %11s %9s %19s %15s %15s%n", "phase", "events/s", "% ceiling",
                "Logwarden CPU-s/M", "ES CPU-s/M", "peak heap MiB");
        for (Phase p : Stream.concat(Stream.of(ceiling), paths.stream()).toList()) {
            System.out.printf(Locale.ROOT, "%-18s %,11.0f %8.0f%% %19.1f %15.1f %15s%n", p.name, p.rate,
                    100 * p.rate / ceiling.rate, p.logwardenCpuPerMillion, p.esCpuPerMillion,
                    p == ceiling ? "-" : p.gc.peakUsedMiB() + " / " + p.gc.committedMiB());
        }
        System.out.printf(Locale.ROOT, "Logwarden while idle (during the ceiling): %.2f CPU-s per second%n",
                ceilingWindow.idleCpuPerSecond());
        for (Phase p : paths) {
            System.out.printf(Locale.ROOT, "%s: %d collections, %.0f ms of GC pauses%n", p.name, p.gc.collections(),
                    p.gc.pauseMillis());
        }
        GcLog.Window all = gc.since(0);
        System.out.printf("Logwarden peak heap over the whole run: %d MiB used of %d MiB committed (-Xmx512m)%n",
                all.peakUsedMiB(), all.committedMiB());
        System.out.printf("targets: >= 75%% of the ceiling, <= 15 Logwarden CPU-s per million, heap <= 512 MiB; "
                + "load average at end %s%n", loadAverage());
    }

    /** CPU and time of one phase. */
    private static final class Window {
        private final LogwardenChild app;
        private final ElasticsearchCpu esCpu;
        private final GcLog gc;
        private final long gcMark;
        private final long appCpu0;
        private final long esCpu0;
        private final long t0;
        private double seconds;
        private double appCpuSeconds;

        private Window(LogwardenChild app, ElasticsearchCpu esCpu, GcLog gc) throws Exception {
            this.app = app;
            this.esCpu = esCpu;
            this.gc = gc;
            this.gcMark = gc.mark();
            this.appCpu0 = app.cpuNanos();
            this.esCpu0 = esCpu.nanos();
            this.t0 = System.nanoTime();
        }

        static Window start(LogwardenChild app, ElasticsearchCpu esCpu, GcLog gc) throws Exception {
            return new Window(app, esCpu, gc);
        }

        Phase stop(String name, int events) throws Exception {
            long t1 = System.nanoTime();
            long appCpu = app.cpuNanos() - appCpu0;
            long es = esCpu.nanos() - esCpu0;
            seconds = (t1 - t0) / 1e9;
            appCpuSeconds = appCpu / 1e9;
            double millions = events / 1e6;
            return new Phase(name, events / seconds, appCpuSeconds / millions, es / 1e9 / millions, gc.since(gcMark));
        }

        double idleCpuPerSecond() {
            return appCpuSeconds / seconds;
        }
    }

    private static void postBulk(URI es, BenchData bodies) throws Exception {
        URI uri = es.resolve("/_bulk?filter_path=" + FILTER_PATH);
        AtomicInteger next = new AtomicInteger();
        try (FileChannel file = bodies.open()) {
            parallel(BULK_CONCURRENCY, () -> {
                int k;
                while ((k = next.getAndIncrement()) < bodies.chunks()) {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.chunk(file, k))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || r.body().contains("\"errors\":true")) {
                        throw new IllegalStateException("bulk failed: " + r.statusCode() + " "
                                + r.body().substring(0, Math.min(500, r.body().length())));
                    }
                }
            });
        }
    }

    /** Streams the file over {@code connections} sockets (sendfile), each a contiguous range of lines. */
    private static void sendTcp(int port, BenchData lines, int connections) throws Exception {
        long[][] ranges = lines.split(connections);
        AtomicInteger next = new AtomicInteger();
        try (FileChannel file = lines.open()) {
            parallel(ranges.length, () -> {
                long[] range = ranges[next.getAndIncrement()];
                try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                    long pos = range[0];
                    while (pos < range[1]) {
                        pos += file.transferTo(pos, range[1] - pos, socket);
                    }
                }
            });
        }
    }

    private static void sendHttp(LogwardenChild app, String key, BenchData lines, int clients) throws Exception {
        URI uri = app.base.resolve("/api/v1/ingest");
        AtomicInteger next = new AtomicInteger();
        try (FileChannel file = lines.open()) {
            parallel(clients, () -> {
                int k;
                while ((k = next.getAndIncrement()) < lines.chunks()) {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri)
                                    .header("Authorization", "ApiKey " + key)
                                    .header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(lines.chunk(file, k))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || !r.body().contains("\"rejected\":0")) {
                        throw new IllegalStateException("ingest failed: " + r.statusCode() + " " + r.body());
                    }
                }
            });
        }
    }

    private interface Task {
        void run() throws Exception;
    }

    private static void parallel(int threads, Task task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    task.run();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    /** Audit events go to their own family of the same day (docs/decisions/080): count both. */
    static String withAuditFamily(String index) {
        return index + "," + index.replace("logwarden-events-", "logwarden-events-audit-");
    }

    /** Documents of the day's events index and, for Logwarden's phases, its audit-event family. */
    private static long count(URI es, String index) throws Exception {
        String family = withAuditFamily(index);
        HTTP.send(HttpRequest.newBuilder(es.resolve("/" + family + "/_refresh?ignore_unavailable=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        String body = HTTP.send(HttpRequest.newBuilder(es.resolve("/" + family + "/_count?ignore_unavailable=true"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"count\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("cannot count " + index + ": " + body);
        }
        return Long.parseLong(m.group(1));
    }

    private static long startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).plusHours(1).toInstant().toEpochMilli();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
