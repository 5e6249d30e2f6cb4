package io.logwarden.bench.dashboard;

import io.logwarden.LogwardenApplication;
import io.logwarden.analytics.AnalyticsService;
import io.logwarden.analytics.DashboardAnomalies;
import io.logwarden.analytics.DurationGroup;
import io.logwarden.analytics.Split;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TopField;
import io.logwarden.security.Roles;
import io.logwarden.storage.internal.embedded.ElasticsearchDistribution;
import io.logwarden.storage.internal.embedded.EmbeddedElasticsearch;
import io.logwarden.testsupport.Browser;
import io.logwarden.testsupport.TestElasticsearch;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Dashboard queries over EVENTS events spread over 7 days (default 5 million): p50/p99 of the overview's one search,
 * the summary's one search, the anomaly overlays, and each chart asked for alone, over the 7-day range, with the
 * shard request cache cleared before each query (cold), cleared for today's index only (live: what continuous
 * ingestion leaves cached) and kept (repeat loads); then the overview's time to render in headless Chromium in the
 * same three states, with the page's own timings per stage. Uses ES_URL if set (the data there is reused when it holds EVENTS events
 * or more), else an embedded node under target/bench-es that keeps its data between runs (seeding happens once).
 */
public final class DashboardBenchmark {

    private static final String PASSWORD = "bench-Admin-pass-1";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
    private static final int CHARTS = 11;

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(System.getenv().getOrDefault("EVENTS", "5000000"));
        int iterations = Integer.parseInt(System.getenv().getOrDefault("ITERATIONS", "30"));
        URI es = elasticsearch();
        resetAdmin(es);
        // command-line arguments: they outrank application.yml (builder properties would not)
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LogwardenApplication.class).run(
                "--logwarden.elasticsearch.url=" + es, "--server.port=0", "--logwarden.ingest.tcp.port=0",
                "--vaadin.productionMode=true",
                "--logwarden.data-dir=target/bench-data", "--logwarden.security.admin-password=" + PASSWORD,
                "--logging.level.root=WARN");
        try {
            RestClient rest = app.getBean(RestClient.class);
            seed(rest, events);
            long indexed = count(rest);
            System.out.printf("events indexed: %,d%n", indexed);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "admin", null, List.of(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN))));
            String parts = System.getenv().getOrDefault("PARTS", "queries,browser");
            if (parts.contains("queries")) {
                queries(app.getBean(AnalyticsService.class), app.getBean(DashboardAnomalies.class), rest,
                        iterations);
            }
            if (parts.contains("browser")) {
                browser(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), rest);
            }
        } catch (Exception | Error e) {
            // System.exit below would otherwise end the JVM before the failure is printed
            e.printStackTrace();
            app.close();
            System.exit(1);
        }
        app.close();
        System.exit(0);
    }

    private static URI elasticsearch() {
        String url = System.getenv("ES_URL");
        if (url != null && !url.isBlank()) {
            return URI.create(url);
        }
        Path zip = ElasticsearchDistribution.locateZip(TestElasticsearch.VERSION, null);
        EmbeddedElasticsearch node = EmbeddedElasticsearch.start(new EmbeddedElasticsearch.Settings(TestElasticsearch.VERSION, zip,
                Path.of("target", "bench-es").toAbsolutePath(), "bench", 0, "2g", "logwarden-es",
                Path.of(System.getProperty("java.home")), Duration.ofMinutes(3)));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        return node.url();
    }

    /** The admin of a kept bench node may have a generated password: let the app create it again with ours. */
    private static void resetAdmin(URI es) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        http.send(java.net.http.HttpRequest.newBuilder(es.resolve("/.logwarden-users/_doc/admin?refresh=true"))
                .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    private static void queries(AnalyticsService analytics, DashboardAnomalies anomalies, RestClient rest,
                                int iterations) {
        Map<String, Supplier<Object>> charts = new LinkedHashMap<>();
        // the moment the dashboard is asked for: now, or (live) a minute later per round
        Instant[] clock = {Instant.now()};
        // as the view asks: rounded to the minute, so repeats within a minute may hit the shard request cache
        Supplier<TimeRange> week = () -> TimeRange.rounded(Duration.ofDays(7), clock[0], "");
        charts.put("overview: all 11 charts, one search", () -> analytics.overview(week.get()));
        charts.put("summary cards (48 h, one search)", () -> analytics.summary24h(clock[0], ""));
        charts.put("anomaly overlays + score", () -> List.of(anomalies.marks(week.get()), anomalies.systemScore()));
        charts.put("per chart: volume by level", () -> analytics.volumeOverTime(week.get(), Split.LEVEL));
        charts.put("per chart: volume by service", () -> analytics.volumeOverTime(week.get(), Split.SERVICE));
        charts.put("per chart: volume by source", () -> analytics.volumeOverTime(week.get(), Split.SOURCE));
        charts.put("per chart: error rate per service", () -> analytics.errorRateOverTime(week.get()));
        charts.put("per chart: duration p50/p95/p99 top 3", () -> analytics.durationPercentiles(week.get(),
                DurationGroup.ACTION, 3));
        charts.put("per chart: top actions", () -> analytics.top(week.get(), TopField.ACTIONS, 10));
        charts.put("per chart: top error types", () -> analytics.top(week.get(), TopField.ERROR_TYPES, 10));
        charts.put("per chart: top users", () -> analytics.top(week.get(), TopField.USERS, 10));
        charts.put("per chart: top entities", () -> analytics.top(week.get(), TopField.ENTITIES, 10));
        charts.put("per chart: audit status", () -> analytics.top(week.get(), TopField.AUDIT_STATUS, 10));
        charts.put("per chart: user vs system", () -> analytics.top(week.get(), TopField.SOURCE, 10));
        for (Cache cache : Cache.values()) {
            Map<String, List<Double>> timings = new LinkedHashMap<>();
            List<Double> dashboard = new ArrayList<>();
            Instant started = Instant.now();
            for (int i = -3; i < iterations; i++) {
                double total = 0;
                // live: each round is a user coming back a minute later, after new events reached today's index
                clock[0] = cache == Cache.LIVE ? started.plus(Duration.ofMinutes(i + 3)) : Instant.now();
                for (var chart : charts.entrySet()) {
                    cache.prepare(rest);
                    long start = System.nanoTime();
                    chart.getValue().get();
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (!chart.getKey().startsWith("per chart")) {
                        total += ms;
                    }
                    if (i >= 0) {
                        timings.computeIfAbsent(chart.getKey(), k -> new ArrayList<>()).add(ms);
                    }
                }
                if (i >= 0) {
                    dashboard.add(total);
                }
            }
            System.out.printf("%nqueries over the last 7 days, %s, %d iterations after 3 warm-up rounds (ms)%n",
                    cache.description, iterations);
            System.out.printf("%-44s %8s %8s%n", "query", "p50", "p99");
            timings.forEach((chart, ms) -> System.out.printf(Locale.ENGLISH, "%-44s %8.1f %8.1f%n", chart,
                    percentile(ms, 50), percentile(ms, 99)));
            System.out.printf(Locale.ENGLISH, "%-44s %8.1f %8.1f%n", "dashboard (overview+summary+anomalies), seq.",
                    percentile(dashboard, 50), percentile(dashboard, 99));
        }
    }

    /** What happens to Elasticsearch's shard request cache before each query or page load. */
    private enum Cache {
        COLD("shard request cache cleared before each (cold: a new range, or the first look after a restart)"),
        LIVE("only today's index's request cache cleared before each, range ending a minute later each round "
                + "(live: ingestion refreshes today's index, older daily indices stay cached)"),
        REPEAT("cache kept (repeat loads within a minute, auto-refresh without new data, several users)");

        private final String description;

        Cache(String description) {
            this.description = description;
        }

        void prepare(RestClient rest) {
            switch (this) {
                case COLD -> clearRequestCache(rest, "logwarden-events");
                case LIVE -> clearRequestCache(rest, "logwarden-events-" + DAY.format(Instant.now()));
                case REPEAT -> {
                }
            }
        }
    }

    private static void clearRequestCache(RestClient rest, String indices) {
        try {
            Request clear = new Request("POST", "/" + indices + "/_cache/clear");
            clear.addParameter("request", "true");
            clear.addParameter("ignore_unavailable", "true");
            rest.performRequest(clear);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Installed in every page before its own scripts: the time (ms since navigation start) each chart first got
     * {@code data-rendered}, the cards appeared, and the sum of long tasks (main thread busy over 50 ms).
     */
    private static final String STAGE_PROBE = """
            window.__lw = {charts: {}, cards: null, longTasks: 0, view: null, wsOpen: null, wsFirst: null};
            const NativeSocket = window.WebSocket;
            window.WebSocket = function (...args) {
              const socket = new NativeSocket(...args);
              socket.addEventListener('open', () => { window.__lw.wsOpen = performance.now(); });
              socket.addEventListener('message', () => {
                if (window.__lw.wsFirst === null) window.__lw.wsFirst = performance.now();
              });
              return socket;
            };
            Object.assign(window.WebSocket, NativeSocket);
            window.WebSocket.prototype = NativeSocket.prototype;
            window.__lw.tasks = [];
            try {
              new PerformanceObserver(list => list.getEntries().forEach(e => {
                window.__lw.longTasks += e.duration;
                window.__lw.tasks.push(Math.round(e.startTime) + '+' + Math.round(e.duration));
              })).observe({type: 'longtask', buffered: true});
            } catch (e) {}
            new MutationObserver(() => {
              document.querySelectorAll('.chart-grid logwarden-echart[data-rendered]').forEach(c => {
                if (!(c.id in window.__lw.charts)) window.__lw.charts[c.id] = performance.now();
              });
              if (window.__lw.view === null && document.querySelector('.chart-grid logwarden-echart')) {
                window.__lw.view = performance.now();
              }
              if (window.__lw.cards === null && document.getElementById('events-24h-total')) {
                window.__lw.cards = performance.now();
              }
            }).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered']});
            """;
    /** The stages of the last load, ms since navigation start (the first of the last two: since get() was called). */
    private static final String STAGES = """
            const n = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            const init = resources.find(r => r.name.includes('v-r=init'));
            const push = resources.find(r => r.name.includes('vaadinPush'));
            const charts = Object.values(window.__lw.charts);
            return [n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd, init ? init.responseEnd : -1,
                window.__lw.view, push ? push.startTime : -1, push ? push.responseEnd : -1, window.__lw.wsOpen,
                window.__lw.wsFirst, window.__lw.cards, Math.min(...charts), Math.max(...charts),
                window.__lw.longTasks, resources.reduce((s, r) => s + (r.transferSize || 0), 0) / 1024,
                performance.timeOrigin - arguments[0], n.requestStart];""";
    private static final List<String> STAGE_NAMES = List.of("HTML received", "DOMContentLoaded", "load event",
            "Vaadin init (UIDL) received", "view attached (empty charts)", "push script requested",
            "push script received", "push websocket open", "first push message", "cards shown",
            "first chart drawn", "11th chart drawn", "long tasks (sum)", "KiB transferred",
            "navigation start after get()", "HTML requested");

    private static void browser(int port, RestClient rest) {
        ChromeDriver browser = Browser.start();
        try {
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.<String, Object>of("source", STAGE_PROBE));
            String base = "http://localhost:" + port;
            browser.get(base + "/");
            // a 500 ms default poll would add up to half a second to every figure
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(10));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")))
                    .sendKeys("admin");
            browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("logwarden-echart[data-rendered]")));
            for (Cache cache : Cache.values()) {
                List<Double> renders = new ArrayList<>();
                List<Double> inPage = new ArrayList<>();
                List<List<Double>> stages = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    cache.prepare(rest);
                    long start = System.nanoTime();
                    long startEpoch = System.currentTimeMillis();
                    browser.get(base + "/dashboards?range=7d");
                    wait.until(d -> ((Number) browser.executeScript(
                            "return document.querySelectorAll('.chart-grid logwarden-echart[data-rendered]').length"))
                            .intValue() >= CHARTS && browser.findElements(By.id("events-24h-total")).size() == 1);
                    double ms = (System.nanoTime() - start) / 1e6;
                    List<Double> stage = ((List<?>) browser.executeScript(STAGES, startEpoch)).stream()
                            .map(v -> v == null ? Double.NaN : ((Number) v).doubleValue()).toList();
                    if (i > 0) {
                        renders.add(ms);
                        inPage.add(Math.max(stage.get(9), stage.get(11)));
                        stages.add(stage);
                    }
                }
                System.out.printf(Locale.ENGLISH, "%nbrowser, %s:%n  overview (7 days) from navigation to %d charts "
                        + "and the cards rendered: p50 %.0f ms, max %.0f ms over %d loads (first load not counted); "
                        + "by the page's own clock p50 %.0f ms, max %.0f ms%n", cache.description, CHARTS,
                        percentile(renders, 50), percentile(renders, 100), renders.size(), percentile(inPage, 50),
                        percentile(inPage, 100));
                // what the last load fetched and when the main thread was busy, to see where the time goes
                System.out.println("  last load, requests (start-end ms, KiB): " + browser.executeScript(
                        "return performance.getEntriesByType('resource').map(r => r.name.replace(/^.*\\//, '')"
                                + ".substring(0, 40) + ' ' + Math.round(r.startTime) + '-' + Math.round(r.responseEnd)"
                                + " + ' ' + Math.round((r.transferSize || 0) / 1024)).join(', ')"));
                System.out.println("  last load, long tasks (start+duration ms): " + browser.executeScript(
                        "return window.__lw.tasks.join(', ')"));
                for (int k = 0; k < STAGE_NAMES.size(); k++) {
                    int column = k;
                    List<Double> values = stages.stream().map(st -> st.get(column)).toList();
                    System.out.printf(Locale.ENGLISH, "  %-30s p50 %7.0f  max %7.0f%n", STAGE_NAMES.get(k),
                            percentile(values, 50), percentile(values, 100));
                }
            }
        } finally {
            browser.quit();
        }
    }

    private static void seed(RestClient rest, long events) throws Exception {
        // only events the 7-day dashboard still shows count: data loaded days ago is topped up, not reused as is
        long existing = count(rest, "{\"query\":{\"range\":{\"@timestamp\":{\"gte\":\"now-7d\"}}}}");
        if (existing >= events) {
            System.out.printf("reusing %,d events of the last 7 days%n", existing);
            return;
        }
        long missing = events - existing;
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofDays(7));
        int batch = 5000;
        long batches = (missing + batch - 1) / batch;
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> futures = new ArrayList<>();
        for (long b = 0; b < batches; b++) {
            long seed = existing + b;
            int size = (int) Math.min(batch, missing - b * batch);
            futures.add(pool.submit(() -> {
                bulk(rest, body(new Random(seed), size, start, end));
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        rest.performRequest(new Request("POST", "/logwarden-events/_refresh"));
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ENGLISH, "seeded %,d events in %.0f s (%.0f events/s)%n", missing, seconds,
                missing / seconds);
    }

    private static final String[] SERVICES = {"shop", "billing", "auth", "search", "catalog", "shipping", "crm", "erp"};
    private static final String[] SOURCES = {"user", "system", "integration", "scheduled"};
    private static final String[] STATUS = {"success", "success", "success", "success", "failure", "pending",
            "canceled", "partial"};
    private static final String[] ERRORS = {"TimeoutException", "NullPointerException", "SQLException",
            "PaymentDeclined", "ValidationException", "IOException"};

    static String body(Random random, int size, Instant start, Instant end) {
        StringBuilder body = new StringBuilder(size * 420);
        long span = end.toEpochMilli() - start.toEpochMilli();
        for (int i = 0; i < size; i++) {
            Instant at = Instant.ofEpochMilli(start.toEpochMilli() + (long) (random.nextDouble() * span));
            int roll = random.nextInt(100);
            String level = roll < 1 ? "critical" : roll < 7 ? "error" : roll < 15 ? "warn" : "info";
            String service = SERVICES[random.nextInt(SERVICES.length)];
            String action = service + ".action" + random.nextInt(8);
            long duration = (long) (Math.exp(random.nextGaussian() * 0.8 + 3.5) * 1_000_000L);
            body.append("{\"index\":{\"_index\":\"logwarden-events-").append(DAY.format(at)).append("\"}}\n")
                    .append("{\"@timestamp\":\"").append(at).append("\",\"message\":\"").append(action)
                    .append(" handled request ").append(random.nextInt(100000)).append("\",\"log\":{\"level\":\"")
                    .append(level).append("\"},\"service\":{\"name\":\"").append(service)
                    .append("\"},\"event\":{\"action\":\"").append(action).append("\",\"duration\":").append(duration)
                    .append("},\"audit\":{\"source\":\"").append(SOURCES[random.nextInt(SOURCES.length)])
                    .append("\",\"status\":\"").append(STATUS[random.nextInt(STATUS.length)])
                    .append("\",\"entity\":{\"type\":\"order\",\"id\":\"order-").append(random.nextInt(20000))
                    .append("\"}},\"user\":{\"name\":\"user").append(random.nextInt(500)).append("\"}");
            if (!"info".equals(level) && !"warn".equals(level)) {
                body.append(",\"error\":{\"type\":\"").append(ERRORS[random.nextInt(ERRORS.length)]).append("\"}");
            }
            body.append("}\n");
        }
        return body.toString();
    }

    private static void bulk(RestClient rest, String body) throws IOException {
        Request request = new Request("POST", "/_bulk");
        request.setJsonEntity(body);
        Response response = rest.performRequest(request);
        String text = new String(response.getEntity().getContent().readAllBytes());
        if (text.contains("\"errors\":true")) {
            throw new IllegalStateException("bulk had errors: " + text.substring(0, Math.min(500, text.length())));
        }
    }

    private static long count(RestClient rest) throws IOException {
        return count(rest, "{\"query\":{\"match_all\":{}}}");
    }

    private static long count(RestClient rest, String query) throws IOException {
        Request request = new Request("POST", "/logwarden-events/_count");
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        request.setJsonEntity(query);
        String text = new String(rest.performRequest(request).getEntity().getContent().readAllBytes());
        return Long.parseLong(text.replaceAll(".*\"count\":(\\d+).*", "$1").strip());
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private DashboardBenchmark() {
    }
}
