package io.logwarden.bench.search;

import io.logwarden.LogwardenApplication;
import io.logwarden.search.SearchService;
import io.logwarden.search.SearchSnapshot;
import io.logwarden.search.TimeRange;
import io.logwarden.storage.internal.embedded.ElasticsearchDistribution;
import io.logwarden.storage.internal.embedded.EmbeddedElasticsearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * bench/search: loads N realistic events (default 5,000,000, {@code -Dbench.events}) over 7 daily indices once (ES_URL,
 * else an embedded node under target/bench-es-search that keeps its data for the next run), then measures p50/p99 over
 * 30 runs after 5 warm-up runs of the search view's queries, each three ways: what a plain Elasticsearch client sends
 * for the same answer, Logwarden's SearchService in-process, and Logwarden's REST API; then the Search view in
 * headless Chromium from navigation to first results and histogram drawn.
 */
public final class SearchBenchmark {

    static final Instant END = Instant.parse("2019-06-08T00:00:00Z");
    static final Instant FROM = END.minus(Duration.ofHours(24));
    static final int WARMUP = 5;
    static final int RUNS = 30;
    static final String PASSWORD = "bench-Secret-1";
    static final String QUERY = "timeout";
    private static final String SCOPED = "{\"bool\":{\"must\":[{\"bool\":{\"must\":[{\"query_string\":{\"query\":\""
            + QUERY + "\",\"fields\":[\"message\",\"error.message\"],\"default_operator\":\"or\","
            + "\"allow_leading_wildcard\":false,\"analyze_wildcard\":true}}],\"filter\":[{\"range\":{\"@timestamp\":"
            + "{\"gte\":\"" + FROM + "\",\"lt\":\"" + END + "\"}}}]}}]}}";
    private static final String EVENTS = "/logwarden-events/_search?ignore_unavailable=true&allow_no_indices=true";

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("bench.events", 5_000_000L);
        URI es = elasticsearch();
        System.out.println("Elasticsearch at " + es);
        HttpClient http = HttpClient.newHttpClient();
        // a kept node's admin may have another password: let the app create it again with ours
        http.send(HttpRequest.newBuilder(es.resolve("/.logwarden-users/_doc/admin?refresh=true")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LogwardenApplication.class).run(
                "--logwarden.elasticsearch.url=" + es, "--server.port=0", "--vaadin.productionMode=true",
                "--logwarden.data-dir=target/bench-data", "--logwarden.security.admin-password=" + PASSWORD,
                "--logging.level.root=WARN", "--logging.level.io.logwarden.audit=WARN");
        try {
            RestClient rest = app.getBean(RestClient.class);
            BenchData.load(rest, events);
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            SearchService search = app.getBean(SearchService.class);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
            measure(rest, search, http, port);
            BrowserTiming.measure(port, PASSWORD, "/search?q=" + QUERY + "&from=" + FROM + "&to=" + END);
        } finally {
            app.close();
            System.exit(0);
        }
    }

    private static void measure(RestClient rest, SearchService search, HttpClient http, int port) throws Exception {
        TimeRange day = new TimeRange(FROM, END);
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String apiRange = "&from=" + FROM + "&to=" + END;
        System.out.printf("%nquery \"%s\" over the last 24 h of the data; p50/p99 over %d runs after %d warm-up runs, "
                + "in ms; x = p50 / plain client's p50%n", QUERY, RUNS, WARMUP);

        // REST first page: newest 50 and the exact total; a plain client sends one search for that
        String page = "{\"size\":50,\"track_total_hits\":true,\"query\":" + SCOPED + ",\"sort\":[{\"@timestamp\":"
                + "{\"order\":\"desc\"}}]}";
        report("search page (50, exact total)", time(() -> json(rest, EVENTS, page)),
                time(() -> search.search(QUERY, day, 50, null, List.of())),
                time(() -> get(http, port, auth, "/api/v1/events?q=" + QUERY + "&size=50" + apiRange)));

        String histogram = "{\"size\":0,\"track_total_hits\":false,\"query\":" + SCOPED + ",\"aggregations\":"
                + "{\"over_time\":{\"date_histogram\":{\"field\":\"@timestamp\",\"fixed_interval\":\"1800s\","
                + "\"min_doc_count\":0,\"extended_bounds\":{\"min\":" + FROM.toEpochMilli() + ",\"max\":"
                + (END.toEpochMilli() - 1) + "}}}}}";
        report("histogram (48 buckets)", time(() -> json(rest, EVENTS, histogram)),
                time(() -> search.histogram(QUERY, day)),
                time(() -> get(http, port, auth, "/api/v1/histogram?q=" + QUERY + apiRange)));

        String top = "{\"size\":0,\"track_total_hits\":true,\"query\":" + SCOPED + ",\"aggregations\":"
                + "{\"top\":{\"terms\":{\"field\":\"service.name\",\"size\":10}},\"missing\":{\"missing\":"
                + "{\"field\":\"service.name\"}}}}";
        report("top values (service.name)", time(() -> json(rest, EVENTS, top)),
                time(() -> search.topValues("service.name", QUERY, day, 10)),
                time(() -> get(http, port, auth, "/api/v1/fields/service.name/top?q=" + QUERY + apiRange)));

        // the view's first paint: the first 200 rows (no total) and the histogram, sent concurrently
        String viewPage = "{\"size\":200,\"track_total_hits\":false,\"query\":" + SCOPED + ",\"sort\":"
                + "[{\"@timestamp\":{\"order\":\"desc\"}}]}";
        long[] direct = time(() -> CompletableFuture.allOf(async(rest, EVENTS, viewPage),
                async(rest, EVENTS, histogram)).join());
        long[] view = time(() -> {
            try (SearchSnapshot snapshot = search.open(QUERY, day)) {
                return snapshot.total();
            }
        });
        report("view: first 200 + histogram", direct, view, null);

        long[] jump = time(() -> {
            try (SearchSnapshot snapshot = search.open(QUERY, day)) {
                return snapshot.rows(snapshot.total() / 2, 50).size();
            }
        });
        System.out.printf(Locale.ROOT, "%-34s %10.1f %10.1f   (open + point in time + seek to the middle row)%n",
                "view: jump to the middle row", p(jump, 50) / 1000.0, p(jump, 99) / 1000.0);
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
        System.out.printf(Locale.ROOT, "%-34s %10s %10s%n", what, "p50", "p99");
        line("  plain Elasticsearch client", direct, direct);
        line("  Logwarden SearchService", service, direct);
        if (api != null) {
            line("  Logwarden REST API", api, direct);
        }
    }

    private static void line(String label, long[] micros, long[] base) {
        System.out.printf(Locale.ROOT, "%-34s %10.1f %10.1f   x%.2f%n", label, p(micros, 50) / 1000.0,
                p(micros, 99) / 1000.0, (double) p(micros, 50) / p(base, 50));
    }

    private static long p(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String json(RestClient rest, String path, String body) throws Exception {
        Request request = new Request("POST", path);
        request.setJsonEntity(body);
        Response response = rest.performRequest(request);
        return new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static CompletableFuture<Response> async(RestClient rest, String path, String body) {
        Request request = new Request("POST", path);
        request.setJsonEntity(body);
        CompletableFuture<Response> done = new CompletableFuture<>();
        rest.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                done.complete(response);
            }

            @Override
            public void onFailure(Exception exception) {
                done.completeExceptionally(exception);
            }
        });
        return done;
    }

    private static String get(HttpClient http, int port, String auth, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static URI elasticsearch() {
        String url = System.getenv("ES_URL");
        if (url != null && !url.isBlank()) {
            return URI.create(url);
        }
        Path zip = ElasticsearchDistribution.locateZip("8.19.21", null);
        EmbeddedElasticsearch node = EmbeddedElasticsearch.start(new EmbeddedElasticsearch.Settings("8.19.21", zip,
                Path.of("target", "bench-es-search").toAbsolutePath(), "bench", 0, "2g", "logwarden-es",
                Path.of(System.getProperty("java.home")), Duration.ofMinutes(3)));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        return node.url();
    }

    private SearchBenchmark() {
    }
}
