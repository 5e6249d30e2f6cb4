package io.logwarden.bench.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.LogwardenApplication;
import io.logwarden.audit.internal.AuditWriter;
import io.logwarden.search.SearchService;
import io.logwarden.search.SearchSnapshot;
import io.logwarden.search.TimeRange;
import io.logwarden.storage.internal.embedded.ElasticsearchDistribution;
import io.logwarden.storage.internal.embedded.EmbeddedElasticsearch;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
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
 * {@link #RUNS} rounds after {@link #WARMUP} warm-up rounds of the search view's queries, each three ways: what a plain
 * Elasticsearch client sends for the same answer, Logwarden's SearchService in-process, and Logwarden's REST API, with
 * the REST leg's floors ({@link ProxyFloor}); then the Search view in headless Chromium from navigation to first
 * results and histogram drawn.
 */
public final class SearchBenchmark {

    static final Instant END = Instant.parse("2019-06-08T00:00:00Z");
    static final Instant FROM = END.minus(Duration.ofHours(24));
    /**
     * Rounds of every leg of every query before anything is measured, so that the JIT has compiled each leg's path
     * (Logwarden's is longer than a plain client's: typed client, Spring MVC, security, Jackson) as in a running
     * server; then each query gets {@link #WARMUP_EACH} more rounds right before its own. At least this many, then
     * more until the JIT is quiet ({@link #warmUp}).
     */
    static final int WARMUP = Integer.getInteger("bench.warmup", 300);
    /** Most warm-up rounds when the JIT does not settle. */
    static final int WARMUP_MAX = Integer.getInteger("bench.warmup.max", 3000);
    /** Warm-up rounds per check of the JIT's compile time. */
    static final int WARMUP_BATCH = 50;
    /** The JIT counts as quiet when it compiled for less than this share of a batch's wall time. */
    static final double JIT_QUIET_SHARE = 0.01;
    static final int WARMUP_EACH = 5;
    /** Measured rounds: the issue asks for at least 30; with 30, a ratio moved by up to 0.1 from run to run. */
    static final int RUNS = Integer.getInteger("bench.runs", 200);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "bench-Secret-1";
    static final String QUERY = "timeout";
    static final String SCOPED = "{\"bool\":{\"must\":[{\"bool\":{\"must\":[{\"query_string\":{\"query\":\""
            + QUERY + "\",\"fields\":[\"message\",\"error.message\"],\"default_operator\":\"or\","
            + "\"allow_leading_wildcard\":false,\"analyze_wildcard\":true}}],\"filter\":[{\"range\":{\"@timestamp\":"
            + "{\"gte\":\"" + FROM + "\",\"lt\":\"" + END + "\"}}}]}}]}}";
    static final String EVENTS = "/logwarden-events/_search?ignore_unavailable=true&allow_no_indices=true";
    /** What a plain client sends for the search page: the newest 50 and the exact total. */
    static final String PAGE = "{\"size\":50,\"track_total_hits\":true,\"query\":" + SCOPED + ",\"sort\":"
            + "[{\"@timestamp\":{\"order\":\"desc\"}}]}";
    static final String HISTOGRAM = "{\"size\":0,\"track_total_hits\":false,\"query\":" + SCOPED
            + ",\"aggregations\":{\"over_time\":{\"date_histogram\":{\"field\":\"@timestamp\","
            + "\"fixed_interval\":\"1800s\",\"min_doc_count\":0,\"extended_bounds\":{\"min\":" + FROM.toEpochMilli()
            + ",\"max\":" + (END.toEpochMilli() - 1) + "}}}}}";
    static final String TOP = "{\"size\":0,\"track_total_hits\":true,\"query\":" + SCOPED + ",\"aggregations\":"
            + "{\"top\":{\"terms\":{\"field\":\"service.name\",\"size\":10}},\"missing\":{\"missing\":"
            + "{\"field\":\"service.name\"}}}}";

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("bench.events", 5_000_000L);
        URI es = elasticsearch();
        System.out.println("Elasticsearch at " + es);
        HttpClient http = HttpClient.newHttpClient();
        // a kept node's admin may have another password: let the app create it again with ours
        http.send(HttpRequest.newBuilder(es.resolve("/.logwarden-users/_doc/admin?refresh=true")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LogwardenApplication.class)
                .initializers(ProxyFloor.filters(Map.of("page", PAGE, "histogram", HISTOGRAM, "top", TOP))).run(
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
            Settle settle = auditWritten(app);
            if (Boolean.getBoolean("bench.splits")) {
                SearchSplits.measure(app, port, settle);
            }
            try (RestClient api = api(port)) {
                measure(rest, search, api, settle);
            }
            // every search queues an audit record; a growing backlog would be load on Elasticsearch after the run
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            System.out.printf(Locale.ROOT, "audit records written during the run: %.0f, still queued: %.0f%n",
                    meters.get("logwarden.audit.appended").counter().count(),
                    meters.get("logwarden.audit.pending").gauge().value());
            if (Boolean.parseBoolean(System.getProperty("bench.browser", "true"))) {
                BrowserTiming.measure(port, PASSWORD, "/search?q=" + QUERY + "&from=" + FROM + "&to=" + END);
            }
        } finally {
            app.close();
            System.exit(0);
        }
    }

    private static void measure(RestClient rest, SearchService search, RestClient api, Settle settle)
            throws Exception {
        TimeRange day = new TimeRange(FROM, END);
        String apiRange = "&from=" + FROM + "&to=" + END;
        System.out.printf("%nquery \"%s\" over the last 24 h of the data; p50/p99 over %d rounds after at least %d "
                + "warm-up rounds of everything (more until the JIT is quiet) and %d of the query; each round runs "
                + "every way once in turn; in ms; x = p50 / plain client's p50%n", QUERY, RUNS, WARMUP, WARMUP_EACH);

        // REST first page: newest 50 and the exact total; a plain client sends one search for that
        List<Compared> compared = new ArrayList<>();
        compared.add(new Compared("search page (50, exact total)", () -> parse(json(rest, EVENTS, PAGE)),
                () -> search.search(QUERY, day, 50, null, List.of()),
                () -> parse(get(api, "/api/v1/events?q=" + QUERY + "&size=50" + apiRange)),
                () -> parse(get(api, ProxyFloor.TOMCAT_PATH + "page")),
                () -> parse(get(api, ProxyFloor.SECURED_PATH + "page"))));

        compared.add(new Compared("histogram (48 buckets)", () -> parse(json(rest, EVENTS, HISTOGRAM)),
                () -> search.histogram(QUERY, day),
                () -> parse(get(api, "/api/v1/histogram?q=" + QUERY + apiRange)),
                () -> parse(get(api, ProxyFloor.TOMCAT_PATH + "histogram")),
                () -> parse(get(api, ProxyFloor.SECURED_PATH + "histogram"))));

        compared.add(new Compared("top values (service.name)", () -> parse(json(rest, EVENTS, TOP)),
                () -> search.topValues("service.name", QUERY, day, 10),
                () -> parse(get(api, "/api/v1/fields/service.name/top?q=" + QUERY + apiRange)),
                () -> parse(get(api, ProxyFloor.TOMCAT_PATH + "top")),
                () -> parse(get(api, ProxyFloor.SECURED_PATH + "top"))));

        // the view's first paint: the first 200 rows (no total) and the histogram, sent concurrently
        String viewPage = "{\"size\":200,\"track_total_hits\":false,\"query\":" + SCOPED + ",\"sort\":"
                + "[{\"@timestamp\":{\"order\":\"desc\"}}]}";
        compared.add(new Compared("view: first 200 + histogram", () -> {
            CompletableFuture<Map<?, ?>> rows = async(rest, EVENTS, viewPage);
            CompletableFuture<Map<?, ?>> buckets = async(rest, EVENTS, HISTOGRAM);
            return List.of(rows.join(), buckets.join());
        }, () -> {
            try (SearchSnapshot snapshot = search.open(QUERY, day)) {
                return snapshot.total();
            }
        }, null, null, null));
        Callable<?> jumpToMiddle = () -> {
            try (SearchSnapshot snapshot = search.open(QUERY, day)) {
                return snapshot.rows(snapshot.total() / 2, 50).size();
            }
        };

        // JIT warm-up: every leg of every query, round after round, before anything is measured
        List<Callable<?>> everything = new ArrayList<>();
        compared.forEach(c -> everything.addAll(c.legs()));
        everything.add(jumpToMiddle);
        warmUp(everything);
        for (Compared c : compared) {
            report(c, settle);
        }

        long[] jump = interleaved(List.of(jumpToMiddle), WARMUP_EACH, RUNS, settle)[0];
        System.out.printf(Locale.ROOT, "%-34s %10.1f %10.1f   (open + point in time + seek to the middle row)%n",
                "view: jump to the middle row", p(jump, 50) / 1000.0, p(jump, 99) / 1000.0);
    }

    /**
     * Runs {@code warmup} rounds, then {@code runs} rounds, each calling every leg once in turn (so that whatever else
     * the machine does during the run hits all legs alike); the sorted times of each leg in microseconds. After each
     * measured call, untimed, {@code settle} waits for work the leg left behind, so that it does not land on the next.
     */
    static long[][] interleaved(List<Callable<?>> legs, int warmup, int runs, Settle settle) throws Exception {
        long[][] micros = new long[legs.size()][runs];
        for (int round = -warmup; round < runs; round++) {
            for (int leg = 0; leg < legs.size(); leg++) {
                long started = System.nanoTime();
                legs.get(leg).call();
                if (round >= 0) {
                    micros[leg][round] = (System.nanoTime() - started) / 1000;
                    settle.await();
                }
            }
        }
        for (long[] leg : micros) {
            Arrays.sort(leg);
        }
        return micros;
    }

    /**
     * At least {@link #WARMUP} rounds of every leg, then batches of {@link #WARMUP_BATCH} until the JIT compiled for
     * less than {@link #JIT_QUIET_SHARE} of a batch's time (or {@link #WARMUP_MAX} rounds): on two cores a C2
     * compilation still running takes a core from whatever is measured, and most from the longest paths. 300 rounds
     * were not enough: the JIT was still compiling Logwarden's and the clients' code 40 s into the run.
     */
    private static void warmUp(List<Callable<?>> legs) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        interleaved(legs, WARMUP, 0, Settle.NONE);
        int rounds = WARMUP;
        double share;
        do {
            long compiling = jit.getTotalCompilationTime();
            long started = System.nanoTime();
            interleaved(legs, WARMUP_BATCH, 0, Settle.NONE);
            rounds += WARMUP_BATCH;
            share = (jit.getTotalCompilationTime() - compiling) / ((System.nanoTime() - started) / 1e6);
        } while (share >= JIT_QUIET_SHARE && rounds < WARMUP_MAX);
        System.out.printf(Locale.ROOT, "warm-up: %d rounds; the JIT compiled for %.1f %% of the last %d rounds' time%n",
                rounds, share * 100, WARMUP_BATCH);
    }

    /** What {@link #interleaved} waits for after each measured call. */
    @FunctionalInterface
    interface Settle {
        Settle NONE = () -> {
        };

        void await() throws Exception;
    }

    /**
     * Waits until the audit writer has stored every record queued so far: Logwarden writes a search's audit record
     * after the answer, and without the wait that write lands on whichever leg runs next (with the plain client next,
     * the baseline paid for Logwarden's audit). Returns at once after a leg that audits nothing.
     */
    static Settle auditWritten(ConfigurableApplicationContext app) {
        AuditWriter audit = app.getBean(AuditWriter.class);
        return () -> {
            if (!audit.flush(Duration.ofSeconds(10))) {
                throw new IllegalStateException("audit records still queued after 10 s");
            }
        };
    }

    /** What a plain client does with an answer: parse it. */
    static Map<?, ?> parse(String json) throws IOException {
        return JSON.readValue(json, Map.class);
    }

    /**
     * One query three ways (two when there is no REST leg), plus the REST leg's floors: the plain client's request
     * passed through a bare filter in the benchmark's server, and through one behind Spring Security ({@link
     * ProxyFloor}).
     */
    private record Compared(String what, Callable<?> direct, Callable<?> service, Callable<?> api,
                            Callable<?> tomcatFloor, Callable<?> securedFloor) {
        List<Callable<?>> legs() {
            return api == null ? List.of(direct, service) : List.of(direct, service, api, tomcatFloor, securedFloor);
        }
    }

    private static void report(Compared compared, Settle settle) throws Exception {
        long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long[][] micros = interleaved(compared.legs(), WARMUP_EACH, RUNS, settle);
        compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling;
        System.out.printf(Locale.ROOT, "%-34s %10s %10s   (JIT compiling during these rounds: %d ms)%n",
                compared.what(), "p50", "p99", compiling);
        line("  plain Elasticsearch client", micros[0], micros[0]);
        line("  Logwarden SearchService", micros[1], micros[0]);
        if (compared.api() != null) {
            line("  Logwarden REST API", micros[2], micros[0]);
            line("  floor: bare proxy in Tomcat", micros[3], micros[0]);
            line("  floor: proxy + Spring Security", micros[4], micros[0]);
        }
    }

    private static void line(String label, long[] micros, long[] base) {
        System.out.printf(Locale.ROOT, "%-34s %10.1f %10.1f   x%.2f%n", label, p(micros, 50) / 1000.0,
                p(micros, 99) / 1000.0, (double) p(micros, 50) / p(base, 50));
    }

    static long p(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String json(RestClient rest, String path, String body) throws Exception {
        Request request = new Request("POST", path);
        request.setJsonEntity(body);
        Response response = rest.performRequest(request);
        return new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The plain client's concurrent request: the answer parsed, as a client would. */
    private static CompletableFuture<Map<?, ?>> async(RestClient rest, String path, String body) {
        Request request = new Request("POST", path);
        request.setJsonEntity(body);
        CompletableFuture<Map<?, ?>> done = new CompletableFuture<>();
        rest.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try {
                    done.complete(parse(new String(response.getEntity().getContent().readAllBytes(),
                            StandardCharsets.UTF_8)));
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Exception exception) {
                done.completeExceptionally(exception);
            }
        });
        return done;
    }

    /** A GET to Logwarden's REST API with the same client (Apache async, keep-alive) as the plain client's. */
    static String get(RestClient api, String path) throws IOException {
        Response response = api.performRequest(new Request("GET", path));
        return new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Logwarden's REST API, authenticated as the benchmark's admin on every request (HTTP Basic). */
    static RestClient api(int port) {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return RestClient.builder(new HttpHost("127.0.0.1", port))
                .setDefaultHeaders(new Header[] {new BasicHeader("Authorization", auth)}).build();
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
