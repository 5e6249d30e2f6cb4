package io.logwarden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used so far by Elasticsearch: from /proc (through {@link ProcessHandle}) when the node runs on this
 * machine, else the sum of {@code process.cpu.total_in_millis} over the cluster's nodes.
 */
final class ElasticsearchCpu {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI es;
    private final HttpClient http;
    private final ProcessHandle local;

    private ElasticsearchCpu(URI es, HttpClient http, ProcessHandle local) {
        this.es = es;
        this.http = http;
        this.local = local;
    }

    static ElasticsearchCpu of(URI es, HttpClient http) throws IOException, InterruptedException {
        JsonNode nodes = get(http, es.resolve("/_nodes/process")).get("nodes");
        ProcessHandle local = null;
        if (nodes.size() == 1 && isLoopback(es)) {
            long pid = nodes.elements().next().at("/process/id").asLong(-1);
            local = ProcessHandle.of(pid)
                    .filter(h -> h.info().commandLine().map(c -> c.contains("elasticsearch")).orElse(false))
                    .filter(h -> h.info().totalCpuDuration().isPresent())
                    .orElse(null);
        }
        return new ElasticsearchCpu(es, http, local);
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    String source() {
        return local != null ? "/proc of pid " + local.pid() : "node stats (process.cpu.total_in_millis)";
    }

    long nanos() throws IOException, InterruptedException {
        if (local != null) {
            Optional<Duration> cpu = local.info().totalCpuDuration();
            if (cpu.isPresent()) {
                return cpu.get().toNanos();
            }
        }
        long millis = 0;
        for (JsonNode node : get(http, es.resolve("/_nodes/stats/process")).get("nodes")) {
            millis += node.at("/process/cpu/total_in_millis").asLong();
        }
        return millis * 1_000_000;
    }

    /**
     * Waits until Elasticsearch has no merge running and used under 10 % of a core over the last second (at most
     * {@code max}), so that a phase does not pay for the previous phase's background merges; returns the seconds
     * waited.
     */
    double awaitQuiet(Duration max) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        long before = nanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = nanos();
            boolean idle = now - before < 100_000_000L;
            before = now;
            if (idle && mergesRunning() == 0) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private long mergesRunning() throws IOException, InterruptedException {
        long running = 0;
        for (JsonNode node : get(http, es.resolve("/_nodes/stats/indices/merge")).get("nodes")) {
            running += node.at("/indices/merges/current").asLong();
        }
        return running;
    }

    private static JsonNode get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }
}
