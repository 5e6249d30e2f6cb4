package io.logwarden.anomaly.internal;

import static io.logwarden.anomaly.internal.AnomalyTestEvents.event;
import static io.logwarden.anomaly.internal.AnomalyTestEvents.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The events of {@link AnomalyDetectionIT}: services, hosts and jobs with regular behaviour (20 events per service
 * and 5-minute window), and the injections of each anomaly kind. What each window holds is decided here, so the test
 * reads as the story of those windows.
 *
 * <ul>
 *   <li>checkout (web-1, tenant acme): PAY ~200 ms;</li>
 *   <li>orders (web-2, acme): 60 events per window, 1% errors;</li>
 *   <li>inventory (web-3, globex): steady volume;</li>
 *   <li>catalog (web-4, globex): LIST ~100 ms, 1% errors, unusual only in the windows of the downtime catch-up
 *       (slow LIST, an action slow nowhere before: PAY, slow twice already, is inside the 99.5% tail of its
 *       256-window baseline by then);</li>
 *   <li>search (web-5, events of both tenants): volume following the time of day, a third as many distinct users;</li>
 *   <li>shop-a (web-6, acme) and shop-b (web-7, globex): identical twins, CHECKOUT ~300 ms and 1% errors drawn
 *       from the same random numbers, so feedback on one can be compared with the other;</li>
 *   <li>jobs nightly (scheduler, heartbeat a minute, 10-11 min) and reindex (indexer, no heartbeat, 5-5.5 min),
 *       every 2 hours.</li>
 * </ul>
 */
final class AnomalyScenario {

    static final Instant D0 = Instant.parse("2023-06-04T00:00:00Z");
    static final Duration W = Duration.ofMinutes(5);
    /** Start of the injections: two normal days after D0. */
    static final Instant T = D0.plus(Duration.ofDays(2));
    static final int PER_WINDOW = 20;

    /** What is unusual in a window. */
    enum Injection {
        SLOW_PAY, ORDERS_BURST, INVENTORY_SILENT, SEARCH_COMBINATION, TWINS_SLOW_AND_FAILING, SLOW_LIST
    }

    private final Random random = new Random(42);

    /** Regular windows of every service in [from, to), with the given injections in every window of the range. */
    List<Map<String, Object>> windows(Instant from, Instant to, Injection... injections) {
        List<Injection> inject = List.of(injections);
        List<Map<String, Object>> events = new ArrayList<>();
        for (Instant w = from; w.isBefore(to); w = w.plus(W)) {
            Random twins = new Random(w.toEpochMilli());
            int search = searchVolume(w);
            for (int i = 0; i < PER_WINDOW; i++) {
                Instant at = w.plusSeconds(i * 15L);
                String user = "u" + i % 7;
                double pay = inject.contains(Injection.SLOW_PAY) ? 2500 : 200 * Math.exp(0.1 * random.nextGaussian());
                events.add(event(at, "checkout", "web-1", "info", "PAY", pay, user, "acme"));
                for (int k = 0; k < 3; k++) {
                    boolean error = inject.contains(Injection.ORDERS_BURST) ? i < 15 : random.nextDouble() < 0.01;
                    events.add(event(at.plusSeconds(k * 5L), "orders", "web-2", error ? "error" : "info", null,
                            Double.NaN, user, "acme"));
                }
                if (!inject.contains(Injection.INVENTORY_SILENT)) {
                    events.add(event(at, "inventory", "web-3", "info", null, Double.NaN, user, "globex"));
                }
                String listLevel = random.nextDouble() < 0.01 ? "error" : "info";
                double list = 100 * Math.exp(0.1 * random.nextGaussian());
                events.add(event(at, "catalog", "web-4", listLevel, "LIST",
                        inject.contains(Injection.SLOW_LIST) ? 1500 : list, user, "globex"));
                boolean twinsOdd = inject.contains(Injection.TWINS_SLOW_AND_FAILING);
                double checkout = twinsOdd ? 3000 : 300 * Math.exp(0.1 * twins.nextGaussian());
                boolean twinError = twinsOdd ? i < 12 : twins.nextDouble() < 0.01;
                events.add(event(at, "shop-a", "web-6", twinError ? "error" : "info", "CHECKOUT", checkout, user,
                        "acme"));
                events.add(event(at, "shop-b", "web-7", twinError ? "error" : "info", "CHECKOUT", checkout, user,
                        "globex"));
            }
            boolean combination = inject.contains(Injection.SEARCH_COMBINATION);
            // Busy-hour volume with the distinct users of a quiet hour: each usual alone, unusual together.
            int volume = combination ? 42 : search;
            int users = combination ? 6 : Math.max(1, search / 3);
            for (int i = 0; i < volume; i++) {
                events.add(event(w.plusMillis(i * W.toMillis() / volume), "search", "web-5", "info", null,
                        Double.NaN, "s" + i % users, i % 2 == 0 ? "acme" : "globex"));
            }
        }
        return events;
    }

    /** Search volume per window: 18 at midnight to 42 at noon, a little noise. */
    private int searchVolume(Instant w) {
        double hour = w.getEpochSecond() % 86_400 / 3600.0;
        return (int) Math.round(30 + 12 * Math.sin(2 * Math.PI * (hour - 6) / 24) + random.nextGaussian());
    }

    /** Finished runs of the two jobs every 2 hours in [from, to). */
    static List<Map<String, Object>> jobRuns(Instant from, Instant to) {
        List<Map<String, Object>> events = new ArrayList<>();
        int run = 0;
        for (Instant start = from.plus(Duration.ofMinutes(30)); start.isBefore(to.minus(Duration.ofMinutes(30)));
             start = start.plus(Duration.ofHours(2)), run++) {
            String id = "nightly-" + start.getEpochSecond();
            events.add(job(start, "scheduler", "batch-1", "nightly", id, "started"));
            for (int m = 1; m < 10; m++) {
                events.add(job(start.plus(Duration.ofMinutes(m)), "scheduler", "batch-1", "nightly", id, "heartbeat"));
            }
            events.add(job(start.plus(Duration.ofMinutes(10 + run % 2)), "scheduler", "batch-1", "nightly", id,
                    "succeeded"));
            Instant reindex = start.plus(Duration.ofMinutes(30));
            String rid = "reindex-" + reindex.getEpochSecond();
            events.add(job(reindex, "indexer", "batch-2", "reindex", rid, "started"));
            events.add(job(reindex.plus(Duration.ofSeconds(run % 2 == 0 ? 300 : 330)), "indexer", "batch-2", "reindex",
                    rid, "succeeded"));
        }
        return events;
    }

    /** Finished reindex runs take 300 or 330 s; a run is long past p99 x 1.5 of those. */
    static final double REINDEX_LIMIT_SECONDS = 1.5 * 330;

    /** At T: a nightly run whose heartbeats stop after 2 minutes, and a reindex run that never finishes. */
    static List<Map<String, Object>> stuckRuns() {
        Instant nightly = T.plus(Duration.ofMinutes(1));
        return List.of(
                job(nightly, "scheduler", "batch-1", "nightly", "run-stuck", "started"),
                job(nightly.plus(Duration.ofMinutes(1)), "scheduler", "batch-1", "nightly", "run-stuck", "heartbeat"),
                job(nightly.plus(Duration.ofMinutes(2)), "scheduler", "batch-1", "nightly", "run-stuck", "heartbeat"),
                job(T, "indexer", "batch-2", "reindex", "reindex-long", "started"));
    }
}
