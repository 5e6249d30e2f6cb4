package io.logwarden.bench.anomaly;

import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.anomaly.internal.Detectors;
import io.logwarden.storage.AnomalyFeatureQueries.ActionWindow;
import io.logwarden.storage.AnomalyFeatureQueries.HostWindow;
import io.logwarden.storage.AnomalyFeatureQueries.ServiceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Run time and heap of one detector cycle (one closed window over every series) in the detector core, at several
 * numbers of series, after the baselines are warm (100 windows per series: the shared isolation forest fitted, ring
 * buffers 100/256 full). Feature extraction in Elasticsearch is not included here (see InjectedAnomalyBenchmark).
 * A "series" is one action (duration) plus, for every tenth, one service with its host (error rate, multivariate,
 * silence of service and host).
 *
 * <p>Usage: {@code DetectorCycleBenchmark [series...]} (default 1000 10000 100000)
 */
public final class DetectorCycleBenchmark {

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "%10s %14s %14s %14s %16s%n", "series", "cycle ms p50", "cycle ms max",
                "heap MB", "warm-up s");
        for (int n : sizes) {
            run(n);
        }
    }

    static void run(int series) {
        AnomalyProperties p = AnomalyProperties.defaults().withMaxSeriesPerKind(Math.max(100_000, 2 * series));
        Duration w = p.window();
        Detectors detectors = new Detectors(p);
        Random random = new Random(series);
        Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
        // enough windows for every detector to score, isolation forests included
        int warm = Math.max(p.minHistory(), p.isolationForest().minWindows()) + 4;
        long start = System.nanoTime();
        for (int i = 0; i < warm; i++) {
            cycle(detectors, series, t0.plus(w.multipliedBy(i)), w, random);
        }
        double warmSeconds = (System.nanoTime() - start) / 1e9;
        long before = usedHeap();
        // ten measured cycles, report the median and the maximum (a refit of the shared forest included if due)
        long[] took = new long[10];
        for (int k = 0; k < took.length; k++) {
            long s = System.nanoTime();
            cycle(detectors, series, t0.plus(w.multipliedBy(warm + k)), w, random);
            took[k] = System.nanoTime() - s;
        }
        java.util.Arrays.sort(took);
        long heap = Math.max(before, usedHeap());
        System.out.printf(Locale.ROOT, "%10d %14.1f %14.1f %14.1f %16.1f%n", series, took[took.length / 2] / 1e6,
                took[took.length - 1] / 1e6, heap / 1e6, warmSeconds);
    }

    private static void cycle(Detectors d, int series, Instant start, Duration w, Random random) {
        List<ServiceWindow> services = new ArrayList<>();
        List<ActionWindow> actions = new ArrayList<>();
        List<HostWindow> hosts = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            actions.add(new ActionWindow("svc-" + s / 10, "action-" + s, start, 50,
                    200 * Math.exp(0.1 * random.nextGaussian())));
            if (s % 10 == 0) {
                long events = 500 + random.nextInt(50);
                services.add(new ServiceWindow("svc-" + s / 10, start, events, events / 100,
                        200 * Math.exp(0.1 * random.nextGaussian()), 40 + random.nextInt(5)));
                hosts.add(new HostWindow("host-" + s / 10, start, events));
            }
        }
        d.observeWindow(new io.logwarden.storage.AnomalyFeatureQueries.WindowFeatures(start, services, actions,
                hosts, 0), w, start.plus(w));
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
