package io.logwarden.bench.anomaly;

import io.logwarden.LogwardenApplication;
import io.logwarden.anomaly.internal.AnomalyCycle;
import io.logwarden.testsupport.TestElasticsearch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * bench/anomaly (b): for each size (action series; services = series / 10, jobs = series / 1000, at least 5), loads
 * {@link InjectedScenario}'s events into Elasticsearch ({@code ES_URL}, else one started for the run), then runs the
 * real detector cycle of a Logwarden started in-process, feature extraction included: a cold start over the warm-up
 * windows, then one cycle per evaluation window. Prints precision, recall and detection delay per kind, the cycle
 * time (cold start; median and max per window) and memory (heap after GC with the detectors loaded, minus before;
 * bytes allocated per cycle).
 *
 * <p>Usage: {@code InjectedAnomalyBenchmark [series...]} (default 1000 10000 100000); {@code -Dbench.warm=36}
 * warm-up windows, {@code -Dbench.eval=24} evaluation windows (5 minutes each), {@code -Dbench.timed=5} timed
 * events per action and window.
 */
public final class InjectedAnomalyBenchmark {

    static final Instant FIRST_DAY = Instant.parse("2022-03-01T00:00:00Z");
    private static final int BULK_BYTES = 8_000_000;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int warm = Integer.getInteger("bench.warm", 36);
        int eval = Integer.getInteger("bench.eval", 24);
        int timed = Integer.getInteger("bench.timed", InjectedScenario.TIMED_PER_WINDOW);
        String url = TestElasticsearch.url().toString();
        System.out.println("Elasticsearch at " + url);
        try {
            for (int i = 0; i < sizes.length; i++) {
                run(url, sizes[i], FIRST_DAY.plus(Duration.ofDays(i)), warm, eval, timed);
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // exits through the shutdown hooks, which stop the Elasticsearch started for the run
        }
        System.exit(0);
    }

    static void run(String url, int series, Instant day, int warm, int eval, int timed) throws Exception {
        InjectedScenario scenario = new InjectedScenario(series, day, warm, eval, timed, series);
        Duration history = InjectedScenario.W.multipliedBy(warm);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LogwardenApplication.class).run(
                "--logwarden.elasticsearch.url=" + url, "--server.port=0", "--logwarden.ingest.tcp.port=0",
                "--logwarden.data-dir=target/bench-data", "--vaadin.productionMode=true",
                "--logwarden.security.admin-password=bench-Secret-1", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                // -Dbench.featureLog=DEBUG logs each feature search: time in Elasticsearch vs with transfer and parsing
                "--logging.level.io.logwarden.storage.internal.ElasticsearchAnomalyFeatureQueries="
                        + System.getProperty("bench.featureLog", "WARN"),
                "--logwarden.anomaly.enabled=false", "--logwarden.anomaly.history=" + history.toMinutes() + "m",
                "--logwarden.anomaly.lag=0s", "--logwarden.anomaly.max-lag=0s",
                "--logwarden.anomaly.persist-interval=1d", "--logwarden.anomaly.alert-max-age=1d",
                "--logwarden.anomaly.isolation-forest.min-windows=24",
                "--logwarden.anomaly.max-series-per-kind=" + Math.max(100_000, 2 * series))) {
            RestClient rest = app.getBean(RestClient.class);
            prepare(rest, day);
            long loaded = load(rest, scenario);
            AnomalyCycle cycle = app.getBean(AnomalyCycle.class);
            long heapBefore = usedHeap();
            Instant warmEnd = scenario.windowStart(warm);
            long t0 = System.nanoTime();
            AnomalyCycle.Result cold = cycle.runCycle(warmEnd.plusSeconds(1));
            double coldSeconds = (System.nanoTime() - t0) / 1e9;
            InjectedEvaluation evaluation = new InjectedEvaluation();
            evaluation.add(cold.anomalies(), warmEnd.plusSeconds(1));
            long[][] phases = new long[5][eval]; // total, extraction, model, recording, other (ms)
            long[] allocated = new long[eval];
            long[] searches = new long[eval];
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            for (int w = 0; w < eval; w++) {
                Instant now = scenario.windowStart(warm + w + 1).plusSeconds(1);
                long queries = searchQueries(rest);
                long bytes = threads.getCurrentThreadAllocatedBytes();
                AnomalyCycle.Result r = cycle.runCycle(now);
                allocated[w] = threads.getCurrentThreadAllocatedBytes() - bytes;
                searches[w] = searchQueries(rest) - queries;
                phases[0][w] = r.took().toMillis();
                phases[1][w] = r.phases().extraction().toMillis();
                phases[2][w] = r.phases().model().toMillis();
                phases[3][w] = r.phases().recording().toMillis();
                phases[4][w] = r.phases().other().toMillis();
                evaluation.add(r.anomalies(), now);
            }
            long heapAfter = usedHeap();
            AnomalyCycle.State state = cycle.state().orElseThrow();
            System.out.printf(Locale.ROOT, "%nseries %,d (%,d services, %,d jobs): %,d events (%d timed per action "
                    + "and window), %d warm-up + %d evaluation windows of 5 min%n", series, scenario.services,
                    scenario.jobs, loaded, timed, warm, eval);
            InjectedEvaluation.print(evaluation.evaluate(scenario.truth()));
            Arrays.sort(allocated);
            Arrays.sort(searches);
            System.out.printf(Locale.ROOT, "  series tracked %s, dropped %,d%n", state.series(),
                    cold.droppedSeries());
            System.out.printf(Locale.ROOT, "  cold start over %d windows %.1f s (extraction %.1f s, model %.1f s)%n",
                    warm, coldSeconds, cold.phases().extraction().toMillis() / 1e3,
                    cold.phases().model().toMillis() / 1e3);
            String[] names = {"cycle", "  extraction", "  model", "  recording", "  other"};
            for (int p = 0; p < names.length; p++) {
                Arrays.sort(phases[p]);
                System.out.printf(Locale.ROOT, "  %-13s p50 %,6d ms  p99 %,6d ms%n", names[p], percentile(phases[p], 50),
                        percentile(phases[p], 99));
            }
            System.out.printf(Locale.ROOT, "  per cycle: %,d shard searches (median), allocated %,.0f MB (median), "
                    + "%,.0f MB (max)%n", searches[eval / 2], allocated[eval / 2] / 1e6, allocated[eval - 1] / 1e6);
            System.out.printf(Locale.ROOT, "  heap after GC: %,.0f MB with the detectors, %,.0f MB before the cold "
                    + "start (detector state ~%,.0f MB)%n", heapAfter / 1e6, heapBefore / 1e6,
                    (heapAfter - heapBefore) / 1e6);
            cycle.stepDown();
        }
    }

    /** Deletes the day's indices of an earlier run and any detector state left behind. */
    private static void prepare(RestClient rest, Instant day) throws IOException {
        for (String index : List.of("logwarden-events-" + day.toString().substring(0, 10).replace('-', '.'),
                "logwarden-anomalies-" + day.toString().substring(0, 10).replace('-', '.'),
                ".logwarden-anomaly-baselines")) {
            try {
                rest.performRequest(new Request("DELETE", "/" + index));
            } catch (ResponseException e) {
                if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                    throw e;
                }
            }
        }
        try {
            rest.performRequest(new Request("DELETE", "/.logwarden-leases/_doc/anomaly-detectors"));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    /** Loads every window's events with two bulk requests in flight; returns the number of events. */
    private static long load(RestClient rest, InjectedScenario scenario) throws Exception {
        long started = System.nanoTime();
        long events = 0;
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<Future<?>> inFlight = new ArrayList<>();
        StringBuilder bulk = new StringBuilder();
        try {
            for (int w = 0; w < scenario.windows(); w++) {
                scenario.window(w, bulk);
                boolean last = w == scenario.windows() - 1;
                while (bulk.length() > BULK_BYTES || last && !bulk.isEmpty()) {
                    // a large window (200k events at 100k series) goes in several requests of about 8 MB, cut
                    // before an action line, so the node's indexing pressure limit is not hit
                    int cut = bulk.length() > BULK_BYTES ? bulk.indexOf("\n{\"index\":", BULK_BYTES) + 1 : 0;
                    String part = cut > 0 ? bulk.substring(0, cut) : bulk.toString();
                    bulk.delete(0, part.length());
                    byte[] body = part.getBytes(StandardCharsets.UTF_8);
                    events += part.chars().filter(c -> c == '\n').count() / 2;
                    while (inFlight.size() >= 2) {
                        inFlight.removeFirst().get();
                    }
                    inFlight.add(senders.submit(() -> send(rest, body)));
                }
            }
            for (Future<?> f : inFlight) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }
        rest.performRequest(new Request("POST", "/logwarden-events/_refresh"));
        System.out.printf(Locale.ROOT, "loaded %,d events in %.0f s%n", events, (System.nanoTime() - started) / 1e9);
        return events;
    }

    private static Void send(RestClient rest, byte[] body) throws IOException {
        Request request = new Request("POST", "/_bulk");
        request.setEntity(new NByteArrayEntity(body, ContentType.create("application/x-ndjson")));
        Response response = rest.performRequest(request);
        String text = new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
        if (text.contains("\"errors\":true")) {
            throw new IllegalStateException("bulk failed: " + text.substring(0, Math.min(500, text.length())));
        }
        return null;
    }

    /** p-th percentile (nearest rank) of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Search requests executed on the shards of all indices so far (one per shard a search touched). */
    private static long searchQueries(RestClient rest) throws IOException {
        Response response = rest.performRequest(new Request("GET",
                "/_stats/search?filter_path=_all.total.search.query_total"));
        String text = new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
