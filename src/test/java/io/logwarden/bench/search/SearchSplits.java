package io.logwarden.bench.search;

import com.sun.management.OperatingSystemMXBean;
import io.logwarden.health.DomainMetrics;
import io.logwarden.search.SearchService;
import io.logwarden.search.TimeRange;
import io.logwarden.search.internal.ParsedQuery;
import io.logwarden.search.internal.SearchGuard;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code -Dbench.splits=true}: where the search page's time goes, step by step, all legs interleaved round by round
 * after a long warm-up: the plain client with and without parsing the answer, the storage adapter alone,
 * SearchService, the REST API through two HTTP clients, a REST request that fails before storage (HTTP,
 * security and MVC alone), then each step SearchService adds around storage. First it prints, once, the request
 * bodies Logwarden sends (the Elasticsearch client's own {@code tracer} log), to compare with the baseline's.
 */
final class SearchSplits {

    private SearchSplits() {
    }

    static void measure(ConfigurableApplicationContext app, int port, SearchBenchmark.Settle settle) throws Exception {
        RestClient rest = app.getBean(RestClient.class);
        SearchService search = app.getBean(SearchService.class);
        SearchGuard guard = app.getBean(SearchGuard.class);
        AccessService access = app.getBean(AccessService.class);
        EventSearch events = app.getBean(EventSearch.class);
        TimeRange day = new TimeRange(SearchBenchmark.FROM, SearchBenchmark.END);
        CurrentUser user = access.current();
        ParsedQuery parsed = guard.parse(user, SearchBenchmark.QUERY);
        EventQuery query = guard.query(user, parsed, day, Map.of());
        String page = SearchBenchmark.PAGE;
        String path = SearchBenchmark.EVENTS;

        LoggingSystem logging = LoggingSystem.get(SearchSplits.class.getClassLoader());
        logging.setLogLevel("tracer", LogLevel.TRACE);
        System.out.println("\n--- requests sent to Elasticsearch (tracer log): SearchService.search, histogram, "
                + "topValues ---");
        search.search(SearchBenchmark.QUERY, day, 50, null, List.of());
        search.histogram(SearchBenchmark.QUERY, day);
        search.topValues("service.name", SearchBenchmark.QUERY, day, 10);
        logging.setLogLevel("tracer", LogLevel.WARN);

        String api = "/api/v1/events?q=" + SearchBenchmark.QUERY + "&size=50&from=" + SearchBenchmark.FROM + "&to="
                + SearchBenchmark.END;
        HttpClient jdk = HttpClient.newHttpClient();
        HttpClient jdk11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + SearchBenchmark.PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        EventPage sample = events.first(query, 50, true, List.of());
        try (RestClient logwarden = SearchBenchmark.api(port)) {
            Map<String, Callable<?>> legs = new LinkedHashMap<>();
            legs.put("plain client, answer as a String", () -> SearchBenchmark.json(rest, path, page));
            legs.put("plain client, answer parsed (Map)",
                    () -> SearchBenchmark.parse(SearchBenchmark.json(rest, path, page)));
            legs.put("storage adapter (JSON, Maps)", () -> events.first(query, 50, true, List.of()));
            legs.put("SearchService.search", () -> search.search(SearchBenchmark.QUERY, day, 50, null, List.of()));
            legs.put("REST, RestClient, as a String", () -> SearchBenchmark.get(logwarden, api));
            legs.put("REST, RestClient, parsed (Map)", () -> SearchBenchmark.parse(SearchBenchmark.get(logwarden,
                    api)));
            legs.put("REST, JDK HttpClient (default version)", () -> jdkGet(jdk, port, auth, api));
            legs.put("REST, JDK HttpClient (HTTP/1.1)", () -> jdkGet(jdk11, port, auth, api));
            // no Elasticsearch call: HTTP, security filters, MVC, a validation error as JSON
            legs.put("REST, RestClient, 400 before storage", () -> failing(logwarden, "/api/v1/fields/nope/top"));
            print("search page (50, exact total), every leg once per round", legs, settle);

            Map<String, Callable<?>> top = new LinkedHashMap<>();
            top.put("plain client, answer parsed (Map)",
                    () -> SearchBenchmark.parse(SearchBenchmark.json(rest, path, SearchBenchmark.TOP)));
            top.put("storage adapter (JSON)", () -> events.topTerms(query, "service.name", 10));
            top.put("SearchService.topValues", () -> search.topValues("service.name", SearchBenchmark.QUERY, day,
                    10));
            print("top values (service.name), every leg once per round", top, settle);

            // A/B in one JVM: Spring Security's observations (a span + timers around every filter, the authentication
            // and each authorization) switched per request by a predicate that reads a flag
            AtomicBoolean observed = new AtomicBoolean(true);
            app.getBean(ObservationRegistry.class).observationConfig().observationPredicate(
                    (name, context) -> observed.get() || !name.startsWith("spring.security."));
            Map<String, Callable<?>> ab = new LinkedHashMap<>();
            ab.put("REST page, security observations as configured", () -> {
                observed.set(true);
                return SearchBenchmark.get(logwarden, api);
            });
            ab.put("REST page, security observations off", () -> {
                observed.set(false);
                return SearchBenchmark.get(logwarden, api);
            });
            ab.put("REST 400, security observations as configured", () -> {
                observed.set(true);
                return failing(logwarden, "/api/v1/fields/nope/top");
            });
            ab.put("REST 400, security observations off", () -> {
                observed.set(false);
                return failing(logwarden, "/api/v1/fields/nope/top");
            });
            print("A/B: Spring Security observations", ab, settle);
            observed.set(true);
        }
        Map<String, Callable<?>> steps = new LinkedHashMap<>();
        DomainMetrics metrics = app.getBean(DomainMetrics.class);
        steps.put("SearchService.validate (proxy, @PreAuthorize)", () -> {
            search.validate(SearchBenchmark.QUERY);
            return null;
        });
        steps.put("SearchService.range (proxy, no check)", () -> search.range(SearchBenchmark.FROM.toString(),
                SearchBenchmark.END.toString()));
        steps.put("metrics.recordSearch", () -> {
            metrics.recordSearch(Duration.ofMillis(3), true);
            return null;
        });
        steps.put("access.current()", access::current);
        steps.put("guard.parse", () -> guard.parse(user, SearchBenchmark.QUERY));
        steps.put("guard.query", () -> guard.query(user, parsed, day, Map.of()));
        steps.put("guard.visible (50 events)", () -> guard.visible(user, sample.events()));
        steps.put("guard.audit", () -> {
            guard.audit(user, "search", parsed.text(), day, sample.total());
            return null;
        });
        print("SearchService's own steps", steps, settle);
    }

    private static void print(String title, Map<String, Callable<?>> legs, SearchBenchmark.Settle settle)
            throws Exception {
        int warmup = Integer.getInteger("bench.splits.warmup", 300);
        int runs = Integer.getInteger("bench.splits.runs", 200);
        List<String> labels = new ArrayList<>(legs.keySet());
        long[][] micros = SearchBenchmark.interleaved(List.copyOf(legs.values()), warmup, runs, settle);
        // CPU of this JVM (client, Logwarden, its Elasticsearch client; not Elasticsearch) per call, leg by leg
        double[] cpu = new double[labels.size()];
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int leg = 0; leg < labels.size(); leg++) {
            Callable<?> call = legs.get(labels.get(leg));
            long before = os.getProcessCpuTime();
            for (int i = 0; i < runs; i++) {
                call.call();
            }
            cpu[leg] = (os.getProcessCpuTime() - before) / 1e6 / runs;
        }
        System.out.printf(Locale.ROOT, "%n--- %s: %d rounds after %d warm-up rounds, ms ---%n%-46s %8s %8s %12s%n",
                title, runs, warmup, "", "p50", "p99", "JVM CPU/call");
        for (int leg = 0; leg < labels.size(); leg++) {
            System.out.printf(Locale.ROOT, "%-46s %8.3f %8.3f %12.3f%n", labels.get(leg),
                    SearchBenchmark.p(micros[leg], 50) / 1000.0, SearchBenchmark.p(micros[leg], 99) / 1000.0,
                    cpu[leg]);
        }
    }

    private static String jdkGet(HttpClient http, int port, String auth, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String failing(RestClient logwarden, String path) throws Exception {
        try {
            return SearchBenchmark.get(logwarden, path);
        } catch (ResponseException e) {
            return new String(e.getResponse().getEntity().getContent().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
