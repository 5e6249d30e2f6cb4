package io.logwarden.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.logwarden.storage.IndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated events whose aggregates are known by construction (in 2019, a range no other test writes to; fixed ids,
 * so a rerun against the same Elasticsearch overwrites rather than duplicates).
 *
 * <p>Day {@link #DAY} (24 h, 144 buckets of 10 min), per bucket b: service {@code shop} 10 events (1 error
 * {@code TimeoutException}, 9 info; 6 from users alice/bob with source user, 4 system; actions 7 order.view, 3
 * checkout; entity order-1 for the first 6, order-2 for the other 4); in even buckets service {@code billing} 5 events (1 critical {@code PaymentDeclined}, 4 warn; source
 * scheduled; action invoice.send). The day before: 100 info events of which 10 error. Hour {@link #DURATIONS}: 1000
 * export.run events in the first 30 s with durations 1..1000 ms, on hosts host-0 .. host-9 (100 each). Day {@link #JOBS}: job runs, see
 * {@link #jobEvents}; day {@link #MANY_JOBS}: {@link #MANY_RUNS} runs of one job, see {@link #manyRuns}; day
 * {@link #LATE_JOBS}: a run that began the evening before, see {@link #overnightRun}.
 */
final class AnalyticsTestData {

    static final Instant DAY = Instant.parse("2019-03-10T00:00:00Z");
    static final Instant DURATIONS = Instant.parse("2019-03-12T00:00:00Z");
    static final Instant JOBS = Instant.parse("2019-03-13T00:00:00Z");
    static final Instant MANY_JOBS = Instant.parse("2019-03-14T00:00:00Z");
    static final Instant LATE_JOBS = Instant.parse("2019-03-16T00:00:00Z");
    /**
     * One minute whose first second has 150 host names, more than one histogram bucket lists: host-k on 1 + k / 10
     * events, host-0 on 100 more at second 40.
     */
    static final Instant MANY_HOSTS = Instant.parse("2019-03-20T00:00:00Z");
    static final int HOSTS = 150;
    /** More runs than the old run list held (1,000): statistics must count them all. */
    static final int MANY_RUNS = 1500;
    static final int BUCKETS = 144;

    private AnalyticsTestData() {
    }

    static void index(ElasticsearchClient client) throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (int b = 0; b < BUCKETS; b++) {
            Instant bucket = DAY.plus(Duration.ofMinutes(10L * b));
            for (int i = 0; i < 10; i++) {
                Map<String, Object> e = event(bucket.plusSeconds(30L * i + 1), i == 0 ? "error" : "info", "shop");
                e.put("event", Map.of("action", i < 7 ? "order.view" : "checkout"));
                e.put("audit", Map.of("source", i < 6 ? "user" : "system", "status", i == 0 ? "failure" : "success",
                        "entity", Map.of("type", "order", "id", i < 6 ? "order-1" : "order-2")));
                if (i < 6) {
                    e.put("user", Map.of("name", i < 3 ? "alice" : "bob"));
                }
                if (i == 0) {
                    e.put("error", Map.of("type", "TimeoutException"));
                }
                add(bulk, "d-" + b + "-shop-" + i, e);
            }
            if (b % 2 == 0) {
                for (int i = 0; i < 5; i++) {
                    Map<String, Object> e = event(bucket.plusSeconds(40L * i + 7), i == 0 ? "critical" : "warn",
                            "billing");
                    e.put("event", Map.of("action", "invoice.send"));
                    e.put("audit", Map.of("source", "scheduled", "status", i == 0 ? "pending" : "success"));
                    if (i == 0) {
                        e.put("error", Map.of("type", "PaymentDeclined"));
                    }
                    add(bulk, "d-" + b + "-billing-" + i, e);
                }
            }
        }
        Instant before = DAY.minus(Duration.ofHours(12));
        for (int i = 0; i < 100; i++) {
            add(bulk, "prev-" + i, event(before.plusSeconds(i), i < 10 ? "error" : "info", "shop"));
        }
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> e = event(DURATIONS.plusMillis(i * 29L), "info", "reports");
            e.put("event", Map.of("action", "export.run", "duration", (i + 1) * 1_000_000L));
            e.put("host", Map.of("name", "host-" + i % 10));
            add(bulk, "dur-" + i, e);
        }
        for (int k = 0; k < HOSTS; k++) {
            for (int i = 0; i < (k == 0 ? 101 : 1 + k / 10); i++) {
                Map<String, Object> e = event(MANY_HOSTS.plusSeconds(k == 0 && i > 0 ? 40 : 0), "info", "fleet");
                e.put("host", Map.of("name", "host-" + k));
                add(bulk, "hosts-" + k + "-" + i, e);
            }
        }
        int n = 0;
        for (Map<String, Object> e : jobEvents()) {
            add(bulk, "job-" + n++, e);
        }
        for (Map<String, Object> e : manyRuns()) {
            add(bulk, "job-" + n++, e);
        }
        for (Map<String, Object> e : overnightRun()) {
            add(bulk, "job-" + n++, e);
        }
        BulkResponse response = client.bulk(bulk.refresh(co.elastic.clients.elasticsearch._types.Refresh.True).build());
        if (response.errors()) {
            throw new IllegalStateException("Indexing test data failed: " + response.items().stream()
                    .filter(i -> i.error() != null).findFirst().map(i -> i.error().reason()).orElse("?"));
        }
    }

    /**
     * nightly-export: 5 runs at hours 0-4, four of 10 min and the one at hour 4 of 60 min, all succeeded (the last
     * one long-running: more than twice the 10 min median); cleanup: one failed run at hour 6 (after 5 min) and one
     * still running at hour 8 (started, heartbeat).
     */
    static List<Map<String, Object>> jobEvents() {
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (int run = 0; run < 5; run++) {
            Instant start = JOBS.plus(Duration.ofHours(run));
            Duration took = Duration.ofMinutes(run == 4 ? 60 : 10);
            events.add(job(start, "export-" + run, "nightly-export", "started", null));
            events.add(job(start.plus(took), "export-" + run, "nightly-export", "succeeded", took));
        }
        Instant failed = JOBS.plus(Duration.ofHours(6));
        events.add(job(failed, "cleanup-1", "cleanup", "started", null));
        events.add(job(failed.plus(Duration.ofMinutes(5)), "cleanup-1", "cleanup", "failed", Duration.ofMinutes(5)));
        Instant running = JOBS.plus(Duration.ofHours(8));
        events.add(job(running, "cleanup-2", "cleanup", "started", null));
        events.add(job(running.plus(Duration.ofMinutes(1)), "cleanup-2", "cleanup", "heartbeat", null));
        return events;
    }

    /**
     * minutely: {@link #MANY_RUNS} runs, one a minute from {@link #MANY_JOBS}; run r takes (r % 10 + 1) s and fails
     * when r % 15 == 0 (100 runs), else succeeds; the terminal event carries the duration.
     */
    static List<Map<String, Object>> manyRuns() {
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (int run = 0; run < MANY_RUNS; run++) {
            Instant start = MANY_JOBS.plus(Duration.ofMinutes(run));
            Duration took = Duration.ofSeconds(run % 10 + 1);
            events.add(job(start, "minutely-" + run, "minutely", "started", null));
            events.add(job(start.plus(took), "minutely-" + run, "minutely", run % 15 == 0 ? "failed" : "succeeded",
                    took));
        }
        return events;
    }

    /**
     * overnight-1 starts at 22:00 the day before {@link #LATE_JOBS}, sends a heartbeat at 00:30 and succeeds at 01:00
     * without a duration: in a range starting at {@link #LATE_JOBS} it started at 22:00 and took 3 h.
     */
    static List<Map<String, Object>> overnightRun() {
        return List.of(job(LATE_JOBS.minus(Duration.ofHours(2)), "overnight-1", "overnight", "started", null),
                job(LATE_JOBS.plus(Duration.ofMinutes(30)), "overnight-1", "overnight", "heartbeat", null),
                job(LATE_JOBS.plus(Duration.ofHours(1)), "overnight-1", "overnight", "succeeded", null));
    }

    private static Map<String, Object> job(Instant at, String id, String name, String state, Duration took) {
        Map<String, Object> e = event(at, state.equals("failed") ? "error" : "info", "batch");
        e.put("job", Map.of("id", id, "name", name, "state", state));
        if (took != null) {
            e.put("event", Map.of("duration", took.toNanos()));
        }
        return e;
    }

    private static Map<String, Object> event(Instant at, String level, String service) {
        Map<String, Object> e = new HashMap<>();
        e.put("@timestamp", at.toString());
        e.put("message", "generated " + level + " event of " + service);
        e.put("log", Map.of("level", level));
        e.put("service", Map.of("name", service));
        e.put("event", Map.of());
        return e;
    }

    private static void add(BulkRequest.Builder bulk, String id, Map<String, Object> document) {
        Instant at = Instant.parse((String) document.get("@timestamp"));
        bulk.operations(o -> o.index(i -> i.index(IndexNames.eventsIndex(at)).id("analytics-it-" + id)
                .document(document)));
    }
}
