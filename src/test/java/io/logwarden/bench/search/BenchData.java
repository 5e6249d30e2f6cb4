package io.logwarden.bench.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/** The benchmark's events: realistic log lines over 7 daily indices up to {@link SearchBenchmark#END}, loaded once. */
final class BenchData {

    static final int DAYS = 7;
    private static final String[] SERVICES = {"shop", "billing", "auth", "search", "gateway", "mailer", "reports",
            "catalog"};
    private static final String[] LEVELS = {"info", "info", "info", "info", "info", "info", "debug", "warn", "warn",
            "error"};

    private BenchData() {
    }

    /** Adds events until {@code events} are there (a rerun against the same node loads nothing). */
    static void load(RestClient rest, long events) throws IOException {
        Instant end = SearchBenchmark.END;
        String count = json(rest, "GET", "/logwarden-events/_count?ignore_unavailable=true", "{\"query\":{\"range\":"
                + "{\"@timestamp\":{\"gte\":\"" + end.minus(Duration.ofDays(DAYS)) + "\",\"lt\":\"" + end + "\"}}}}");
        long present = Long.parseLong(count.replaceAll("(?s).*\"count\"\\s*:\\s*(\\d+).*", "$1"));
        if (present >= events) {
            System.out.printf("%,d events already loaded%n", present);
            return;
        }
        Random random = new Random(42 + present);
        long started = System.nanoTime();
        long span = Duration.ofDays(DAYS).toMillis();
        StringBuilder bulk = new StringBuilder();
        for (long i = present; i < events; i++) {
            Instant at = end.minusMillis(1 + (long) (random.nextDouble() * span));
            String index = "logwarden-events-" + at.toString().substring(0, 10).replace('-', '.');
            String service = SERVICES[random.nextInt(SERVICES.length)];
            String level = LEVELS[random.nextInt(LEVELS.length)];
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n{\"@timestamp\":\"").append(at)
                    .append("\",\"message\":\"").append(message(random, level)).append("\",\"log\":{\"level\":\"")
                    .append(level).append("\",\"logger\":\"io.example.").append(service).append(".Handler\"},")
                    .append("\"service\":{\"name\":\"").append(service).append("\",\"environment\":\"prod\"},")
                    .append("\"host\":{\"name\":\"").append(service).append('-').append(random.nextInt(4))
                    .append("\"},\"trace\":{\"id\":\"").append(Long.toHexString(random.nextLong()))
                    .append("\"},\"organization\":{\"id\":\"org-").append(random.nextInt(20))
                    .append("\"},\"event\":{\"duration\":").append(random.nextInt(5_000_000))
                    .append(",\"ingested\":\"").append(at.plusMillis(random.nextInt(2000))).append("\"}}\n");
            if ((i + 1) % 5000 == 0 || i == events - 1) {
                Request request = new Request("POST", "/_bulk");
                request.setEntity(new NByteArrayEntity(bulk.toString().getBytes(StandardCharsets.UTF_8),
                        ContentType.create("application/x-ndjson")));
                Response response = rest.performRequest(request);
                String body = new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
                if (body.startsWith("{\"errors\":true")) {
                    throw new IllegalStateException("bulk failed: " + body.substring(0, Math.min(500, body.length())));
                }
                bulk.setLength(0);
                if ((i + 1) % 500_000 == 0) {
                    System.out.printf("  %,d events loaded%n", i + 1);
                }
            }
        }
        json(rest, "POST", "/logwarden-events/_refresh", null);
        json(rest, "POST", "/logwarden-events/_forcemerge?max_num_segments=1", null);
        System.out.printf("loaded %,d events over %d daily indices in %.0f s (then refresh + force-merge)%n",
                events - present, DAYS, (System.nanoTime() - started) / 1e9);
    }

    private static String message(Random random, String level) {
        int n = random.nextInt(100_000);
        return switch (random.nextInt(8)) {
            case 0 -> "GET /api/orders/" + n + " answered 200 in " + random.nextInt(900) + " ms";
            case 1 -> "payment provider timeout after " + random.nextInt(30) + " s for order " + n;
            case 2 -> "user " + n + " logged in from the web client";
            case 3 -> "cache miss for product " + n + ", loading from the database";
            case 4 -> level.equals("error") ? "connection reset by peer while calling inventory"
                    : "scheduled job reindex finished with " + n + " documents";
            case 5 -> "database query timeout on table orders after " + random.nextInt(60) + " s";
            case 6 -> "sent confirmation mail for order " + n;
            default -> "request " + n + " queued, queue length " + random.nextInt(50);
        };
    }

    private static String json(RestClient rest, String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(body);
        }
        Response response = rest.performRequest(request);
        return new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }
}
