package io.logwarden.bench;

import io.logwarden.testsupport.TestElasticsearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest benchmark: the raw {@code _bulk} ceiling of the Elasticsearch in use, then the same number of events through
 * Logwarden's TCP input and HTTP input (Logwarden as a child JVM, {@code java -jar}), each timed until Elasticsearch
 * confirmed every event. Prints events/s, ratio to the ceiling, Logwarden CPU-s per million events, peak heap.
 * Args: [events per path, default 200000].
 */
public final class IngestBenchmark {

    private static final String PASSWORD = "bench-Admin-Secret-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        URI es = TestElasticsearch.url();
        System.out.printf("Elasticsearch %s, %d events per path, %d CPUs, load average at start %s%n", es, n,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> tcpEvents = BenchEvents.generate(n, 1, run);
        List<byte[]> httpEvents = BenchEvents.generate(n, 2, run);
        List<byte[]> rawEvents = BenchEvents.generate(n, 3, run);
        System.out.printf("average event size %d bytes%n",
                tcpEvents.stream().mapToInt(b -> b.length).sum() / n);

        double ceiling = rawBulk(es, rawEvents);
        System.out.printf(Locale.ROOT, "raw _bulk ceiling : %,.0f events/s%n", ceiling);

        Path work = Files.createTempDirectory("logwarden-bench");
        int httpPort = freePort();
        int tcpPort = freePort();
        Process app = new ProcessBuilder(javaBin(), "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", jar(),
                "--server.port=" + httpPort, "--logwarden.ingest.tcp.port=" + tcpPort,
                "--logwarden.elasticsearch.url=" + es, "--logwarden.data-dir=" + work.resolve("data"),
                "--logwarden.security.admin-password=" + PASSWORD, "--vaadin.productionMode=true",
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(work.resolve("logwarden.out").toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + httpPort);
        try {
            awaitHealthy(base, app, work);
            String key = createKey(base);
            HeapSampler heap = new HeapSampler(base);
            heap.start();
            // warm-up: JIT the paths
            sendTcp(tcpPort, BenchEvents.generate(20_000, 9, run), 2);
            sendHttp(base, key, BenchEvents.generate(20_000, 8, run), 2);
            awaitIndexed(base, 40_000);

            Result tcp = measure(app, base, 40_000, n, () -> sendTcp(tcpPort, tcpEvents, 4));
            Result http = measure(app, base, 40_000 + n, n, () -> sendHttp(base, key, httpEvents, 4));
            heap.stopSampling();
            System.out.printf(Locale.ROOT, "TCP  : %,.0f events/s (%.0f%% of ceiling), Logwarden %.1f CPU-s per million events%n",
                    tcp.rate, 100 * tcp.rate / ceiling, tcp.cpuPerMillion);
            System.out.printf(Locale.ROOT, "HTTP : %,.0f events/s (%.0f%% of ceiling), Logwarden %.1f CPU-s per million events%n",
                    http.rate, 100 * http.rate / ceiling, http.cpuPerMillion);
            System.out.printf("load average at end %s%n", loadAverage());
            System.out.printf(Locale.ROOT, "Logwarden peak heap used: %.0f MiB (sampled every second)%n", heap.peak / 1048576.0);
        } finally {
            app.destroy();
            app.waitFor();
            deleteIndex(es, "logwarden-events-bench-raw");
        }
    }

    record Result(double rate, double cpuPerMillion) {
    }

    interface Sender {
        void send() throws Exception;
    }

    private static Result measure(Process app, URI base, long before, int n, Sender sender) throws Exception {
        long cpu0 = cpuNanos(app);
        long t0 = System.nanoTime();
        sender.send();
        awaitIndexed(base, before + n);
        long t1 = System.nanoTime();
        long cpu1 = cpuNanos(app);
        double seconds = (t1 - t0) / 1e9;
        return new Result(n / seconds, (cpu1 - cpu0) / 1e9 / (n / 1e6));
    }

    private static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static double rawBulk(URI es, List<byte[]> events) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        byte[] action = "{\"index\":{}}\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int inBody = 0;
        for (byte[] e : events) {
            body.write(action);
            body.write(e);
            if (++inBody == 2000) {
                bodies.add(body.toByteArray());
                body.reset();
                inBody = 0;
            }
        }
        if (inBody > 0) {
            bodies.add(body.toByteArray());
        }
        deleteIndex(es, "logwarden-events-bench-raw");
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> futures = new ArrayList<>();
            AtomicLong next = new AtomicLong();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = (int) next.getAndIncrement()) < bodies.size()) {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(es.resolve("/logwarden-events-bench-raw/_bulk"))
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || r.body().contains("\"errors\":true")) {
                            throw new IllegalStateException("bulk failed: " + r.body().substring(0, 300));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return events.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static void sendTcp(int port, List<byte[]> events, int connections) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int conn = c;
                futures.add(pool.submit(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port);
                         OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
                        for (int i = conn; i < events.size(); i += connections) {
                            out.write(events.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    private static void sendHttp(URI base, String key, List<byte[]> events, int clients) throws Exception {
        int perRequest = 1000;
        AtomicLong next = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long from;
                    while ((from = next.getAndAdd(perRequest)) < events.size()) {
                        ByteArrayOutputStream body = new ByteArrayOutputStream(perRequest * 600);
                        for (long i = from; i < Math.min(events.size(), from + perRequest); i++) {
                            body.write(events.get((int) i));
                        }
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/ingest"))
                                .header("Authorization", "ApiKey " + key)
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("\"rejected\":0")) {
                            throw new IllegalStateException("ingest failed: " + r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    private static final Pattern INDEXED = Pattern.compile("(?m)^logwarden_ingest_indexed_total\\{[^}]*} ([0-9.E+]+)");
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)");

    private static String prometheus(URI base) throws Exception {
        return HTTP.send(admin(base.resolve("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitIndexed(URI base, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = INDEXED.matcher(prometheus(base));
            if (m.find() && Double.parseDouble(m.group(1)) >= expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("events not indexed in time");
    }

    private static final class HeapSampler extends Thread {
        private final URI base;
        private volatile boolean running = true;
        volatile double peak;

        HeapSampler(URI base) {
            this.base = base;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    Matcher m = HEAP.matcher(prometheus(base));
                    double sum = 0;
                    while (m.find()) {
                        sum += Double.parseDouble(m.group(1));
                    }
                    peak = Math.max(peak, sum);
                    Thread.sleep(1000);
                } catch (Exception e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }
    }

    private static HttpRequest.Builder admin(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static String createKey(URI base) throws Exception {
        HttpResponse<String> r = HTTP.send(admin(base.resolve("/api/v1/admin/api-keys"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("cannot create an API key: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private static void awaitHealthy(URI base, Process app, Path work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("Logwarden exited: " + Files.readString(work.resolve("logwarden.out")));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Logwarden did not start: " + Files.readString(work.resolve("logwarden.out")));
    }

    private static void deleteIndex(URI es, String index) throws Exception {
        HTTP.send(HttpRequest.newBuilder(es.resolve("/" + index)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        Path jar = Path.of("target", "logwarden-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw -DskipFrontend -DskipTests package");
        }
        return jar.toAbsolutePath().toString();
    }
}
