package io.logwarden.bench.search;

import io.logwarden.LogwardenApplication;
import io.logwarden.search.SearchService;
import io.logwarden.search.TimeRange;
import io.logwarden.testsupport.TestElasticsearch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * bench/search: loads N realistic events (default 5,000,000, {@code -Dbench.events}) over 7 daily indices, then
 * measures p50/p99 over 30 runs after 5 warm-up runs of the search view's queries, each three ways: the same
 * Elasticsearch requests sent directly, Logwarden's SearchService in-process, and Logwarden's REST API.
 */
public final class SearchBenchmark {

    static final Instant END = Instant.parse("2019-06-08T00:00:00Z");
    static final int DAYS = 7;
    static final int WARMUP = 5;
    static final int RUNS = 30;
    static final String PASSWORD = "bench-Secret-1";
    static final String QUERY = "timeout";
    static final String[] SERVICES = {"shop", "billing", "auth", "search", "gateway", "mailer", "reports", "catalog"};
    static final String[] LEVELS = {"info", "info", "info", "info", "info", "info", "debug", "warn", "warn", "error"};

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("bench.events", 5_000_000L);
        String url = TestElasticsearch.url().toString();
        System.out.println("Elasticsearch at " + url);
        // system properties, not builder defaults: application.yml (server.port, admin-password) would win over those
        System.setProperty("logwarden.security.admin-password", PASSWORD);
        System.setProperty("server.port", "0");
        System.setProperty("logwarden.elasticsearch.url", url);
        System.setProperty("vaadin.productionMode", "true");
        System.setProperty("logwarden.data-dir", "target/bench-data");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LogwardenApplication.class).properties(
                "logging.level.root=WARN", "logging.level.io.logwarden.audit=WARN").run()) {
            RestClient rest = app.getBean(RestClient.class);
            load(rest, events);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            SearchService search = app.getBean(SearchService.class);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
            Instant from = END.minus(Duration.ofHours(24));
            TimeRange day = new TimeRange(from, END);
            String range = "{\"range\":{\"@timestamp\":{\"gte\":\"" + from + "\",\"lt\":\"" + END + "\"}}}";
            String userQuery = "{\"query_string\":{\"query\":\"" + QUERY + "\",\"fields\":[\"message\",\"error.message\"],"
                    + "\"default_operator\":\"or\",\"allow_leading_wildcard\":false,\"analyze_wildcard\":true}}";
            String scoped = "{\"bool\":{\"must\":[{\"bool\":{\"must\":[" + userQuery + "],\"filter\":[" + range + "]}}]}}";
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            String apiRange = "&from=" + from + "&to=" + END;

            System.out.printf("%nquery \"%s\" over the last 24 h of the data, newest first, size 50%n", QUERY);
            long[] esPage = time(() -> {
                String pit = json(rest, "POST", "/logwarden-events/_pit?keep_alive=120s&ignore_unavailable=true", null)
                        .replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                return json(rest, "POST", "/_search", "{\"pit\":{\"id\":\"" + pit + "\",\"keep_alive\":\"120s\"},"
                        + "\"size\":50,\"track_total_hits\":true,\"query\":" + scoped + ",\"sort\":[{\"@timestamp\":"
                        + "{\"order\":\"desc\"}},{\"_shard_doc\":{\"order\":\"desc\"}}]}");
            });
            long[] svcPage = time(() -> search.search(QUERY, day, 50, null, List.of()));
            long[] apiPage = time(() -> get(http, port, auth, "/api/v1/events?q=" + QUERY + "&size=50" + apiRange));
            report("search page", esPage, svcPage, apiPage);

            String histogramBody = "{\"size\":0,\"track_total_hits\":false,\"query\":" + scoped + ",\"aggregations\":"
                    + "{\"over_time\":{\"date_histogram\":{\"field\":\"@timestamp\",\"fixed_interval\":\"1800s\","
                    + "\"min_doc_count\":0,\"extended_bounds\":{\"min\":" + from.toEpochMilli() + ",\"max\":"
                    + (END.toEpochMilli() - 1) + "}}}}}";
            long[] esHistogram = time(() -> json(rest, "POST",
                    "/logwarden-events/_search?ignore_unavailable=true&allow_no_indices=true", histogramBody));
            long[] svcHistogram = time(() -> search.histogram(QUERY, day));
            long[] apiHistogram = time(() -> get(http, port, auth, "/api/v1/events/histogram?q=" + QUERY + apiRange));
            report("histogram", esHistogram, svcHistogram, apiHistogram);

            String topBody = "{\"size\":0,\"track_total_hits\":true,\"query\":" + scoped + ",\"aggregations\":"
                    + "{\"top\":{\"terms\":{\"field\":\"service.name\",\"size\":10}},\"missing\":{\"missing\":"
                    + "{\"field\":\"service.name\"}}}}";
            long[] esTop = time(() -> json(rest, "POST",
                    "/logwarden-events/_search?ignore_unavailable=true&allow_no_indices=true", topBody));
            long[] svcTop = time(() -> search.topValues("service.name", QUERY, day, 10));
            long[] apiTop = time(() -> get(http, port, auth, "/api/v1/fields/service.name/top?q=" + QUERY + apiRange));
            report("top values (service.name)", esTop, svcTop, apiTop);
        }
        System.exit(0);
    }

    private static void load(RestClient rest, long events) throws IOException {
        String count = json(rest, "GET", "/logwarden-events/_count?ignore_unavailable=true", "{\"query\":{\"range\":"
                + "{\"@timestamp\":{\"gte\":\"" + END.minus(Duration.ofDays(DAYS)) + "\",\"lt\":\"" + END + "\"}}}}");
        long present = Long.parseLong(count.replaceAll("(?s).*\"count\"\\s*:\\s*(\\d+).*", "$1"));
        if (present >= events) {
            System.out.printf("%,d events already loaded%n", present);
            return;
        }
        Random random = new Random(42);
        long started = System.nanoTime();
        long span = Duration.ofDays(DAYS).toMillis();
        StringBuilder bulk = new StringBuilder();
        for (long i = present; i < events; i++) {
            Instant at = END.minusMillis(1 + (long) (random.nextDouble() * span));
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
                    .append("\"},\"event\":{\"duration\":").append(random.nextInt(5_000_000)).append("}}\n");
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

    private static long[] time(Callable<?> call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call.call();
        }
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            call.call();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        return micros;
    }

    private static void report(String what, long[] direct, long[] service, long[] api) {
        System.out.printf(Locale.ROOT, "%-28s %12s %12s%n", what, "p50 ms", "p99 ms");
        line("  Elasticsearch directly", direct, direct);
        line("  Logwarden SearchService", service, direct);
        line("  Logwarden REST API", api, direct);
    }

    private static void line(String label, long[] micros, long[] base) {
        System.out.printf(Locale.ROOT, "%-28s %12.1f %12.1f   (p50 x%.2f of direct)%n", label, p(micros, 50) / 1000.0,
                p(micros, 99) / 1000.0, (double) p(micros, 50) / p(base, 50));
    }

    private static long p(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String json(RestClient rest, String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(body);
        }
        Response response = rest.performRequest(request);
        return new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String get(HttpClient http, int port, String auth, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private SearchBenchmark() {
    }
}
