package io.logwarden.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.logwarden.bench.IngestBenchmark.HTTP;
import static io.logwarden.bench.IngestBenchmark.PASSWORD;
import static io.logwarden.bench.IngestBenchmark.withAuditFamily;

/** Logwarden as a child JVM with a GC log and public Prometheus scraping (no password hash per poll). */
final class LogwardenChild implements AutoCloseable {
    private static final Pattern INDEXED = Pattern.compile("(?m)^logwarden_ingest_indexed_total\\{[^}]*} ([0-9.E+]+)");

    private final Process process;
    private final Path work;
    final URI base;
    final int tcpPort;

    private LogwardenChild(Process process, Path work, URI base, int tcpPort) {
        this.process = process;
        this.work = work;
        this.base = base;
        this.tcpPort = tcpPort;
    }

    static LogwardenChild start(Path work, URI es) throws Exception {
        int httpPort = freePort();
        int tcpPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-Xlog:gc:file=" + work.resolve("gc.log")));
        String extra = System.getProperty("bench.jvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar().toString(), "--server.port=" + httpPort,
                "--logwarden.ingest.tcp.port=" + tcpPort, "--logwarden.elasticsearch.url=" + es,
                "--logwarden.data-dir=" + work.resolve("data"), "--logwarden.security.admin-password=" + PASSWORD,
                "--logwarden.security.prometheus-public=true", "--vaadin.productionMode=true",
                "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("logwarden.out").toFile()).start();
        LogwardenChild child = new LogwardenChild(process, work, URI.create("http://127.0.0.1:" + httpPort), tcpPort);
        try {
            child.awaitHealthy();
        } catch (Exception e) {
            child.close();
            throw e;
        }
        return child;
    }

    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
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

    String createKey() throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/admin/api-keys"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("cannot create an API key: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    /**
     * Waits until {@code index} has seen {@code documents} index operations (Elasticsearch's indexing stats: cheap,
     * no refresh), then until Logwarden's counter confirms {@code expected} in total. Polling the Prometheus
     * endpoint itself every 100 ms would cost Logwarden several ms of CPU per scrape and distort its figure.
     */
    void awaitIndexed(URI es, String index, long documents, long expected) throws Exception {
        String family = withAuditFamily(index);
        URI stats = es.resolve("/" + family
                + "/_stats/indexing?ignore_unavailable=true&filter_path=_all.primaries.indexing.index_total");
        Pattern total = Pattern.compile("\"index_total\":(\\d+)");
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (true) {
            Matcher m = total.matcher(HTTP.send(HttpRequest.newBuilder(stats).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (m.find() && Long.parseLong(m.group(1)) >= documents) {
                break;
            }
            checkAlive(deadline);
            Thread.sleep(100);
        }
        while (true) {
            String text = HTTP.send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = INDEXED.matcher(text);
            if (m.find() && Double.parseDouble(m.group(1)) >= expected) {
                return;
            }
            checkAlive(deadline);
            Thread.sleep(20);
        }
    }

    private void checkAlive(long deadline) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Logwarden exited: " + Files.readString(work.resolve("logwarden.out")));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("events not indexed in time");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private static Path jar() throws IOException {
        String configured = System.getProperty("logwarden.test.jar");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("logwarden-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "build the jar first: ./mvnw -DskipFrontend -DskipTests package")).toAbsolutePath();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
