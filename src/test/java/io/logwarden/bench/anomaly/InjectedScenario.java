package io.logwarden.bench.anomaly;

import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Realistic log events of N action series with known injected anomalies. Every service has 10 actions, each timed 5
 * times (or {@code timedPerWindow}) per 5-minute window (durations log-normal around the action's own typical value, 1% errors), plus 10 untimed
 * events, on its own host, for one tenant; every 30 minutes each job runs about 10 minutes with a heartbeat a
 * minute. In the evaluation windows it injects, at known times: slow actions (one window 8-12x slower), error bursts
 * (one window with 60% errors), silent services (3 windows without any event of the service or its host) and stuck
 * jobs (a run whose heartbeats stop after 2 minutes and that never finishes). Nothing is injected in the warm-up
 * windows or the first two evaluation windows.
 */
final class InjectedScenario {

    static final Duration W = Duration.ofMinutes(5);
    static final int ACTIONS_PER_SERVICE = 10;
    /** Timed events per action and window unless {@code -Dbench.timed} says otherwise (event volume, not series). */
    static final int TIMED_PER_WINDOW = 5;
    static final int UNTIMED_PER_WINDOW = 10;
    static final int SILENT_WINDOWS = 3;

    /** One injected anomaly: what should be found, and when it began. */
    record Injection(AnomalyKind kind, AnomalyEntity entity, Instant onset, Instant windowStart) {
    }

    final int series;
    final int services;
    final int jobs;
    final Instant start;
    final int warmWindows;
    final int evalWindows;
    final int timedPerWindow;
    private final double[] typicalMillis;
    private final Map<Integer, Integer> slowAt = new HashMap<>();
    private final Map<Integer, Integer> burstAt = new HashMap<>();
    private final Map<Integer, Integer> silentFrom = new HashMap<>();
    private final Map<Integer, Instant> stuckRunAt = new HashMap<>();
    private final List<Injection> truth = new ArrayList<>();
    private final Random random;

    InjectedScenario(int series, Instant start, int warmWindows, int evalWindows, long seed) {
        this(series, start, warmWindows, evalWindows, TIMED_PER_WINDOW, seed);
    }

    InjectedScenario(int series, Instant start, int warmWindows, int evalWindows, int timedPerWindow, long seed) {
        this.series = series;
        this.timedPerWindow = timedPerWindow;
        this.services = Math.max(2, series / ACTIONS_PER_SERVICE);
        this.jobs = Math.max(5, series / 1000);
        this.start = start;
        this.warmWindows = warmWindows;
        this.evalWindows = evalWindows;
        this.random = new Random(seed);
        this.typicalMillis = new double[series];
        for (int a = 0; a < series; a++) {
            typicalMillis[a] = Math.exp(Math.log(20) + random.nextDouble() * Math.log(100));
        }
        plan();
    }

    private void plan() {
        int perKind = Math.max(3, (int) Math.round(services * 0.03));
        Set<Integer> taken = new HashSet<>();
        for (int j = 0; j < jobs; j++) {
            taken.add(jobService(j)); // a job's service keeps sending job events: never silenced
        }
        int first = warmWindows + 2;
        int last = warmWindows + evalWindows - SILENT_WINDOWS - 1;
        for (int i = 0; i < perKind; i++) {
            int svc = pick(taken);
            int w = first + random.nextInt(last - first);
            silentFrom.put(svc, w);
            truth.add(new Injection(AnomalyKind.SILENT_SOURCE, AnomalyEntity.service(service(svc)), windowStart(w),
                    windowStart(w)));
        }
        for (int i = 0; i < perKind; i++) {
            int svc = pick(taken);
            int w = first + random.nextInt(last - first);
            burstAt.put(svc, w);
            truth.add(new Injection(AnomalyKind.ERROR_RATE, AnomalyEntity.service(service(svc)), windowStart(w),
                    windowStart(w)));
        }
        for (int i = 0; i < perKind; i++) {
            int svc = pick(taken);
            int action = svc * ACTIONS_PER_SERVICE + random.nextInt(ACTIONS_PER_SERVICE);
            if (action >= series) {
                continue;
            }
            int w = first + random.nextInt(last - first);
            slowAt.put(action, w);
            truth.add(new Injection(AnomalyKind.DURATION, AnomalyEntity.action(service(svc), action(action)),
                    windowStart(w), windowStart(w)));
        }
        int stuck = Math.max(2, jobs / 3);
        for (int j = 0; j < stuck; j++) {
            // A run that starts at its usual time in the first half of the evaluation period.
            Instant run = runStart(j, warmWindows + 2 + random.nextInt(Math.max(1, evalWindows / 2)));
            stuckRunAt.put(j, run);
            truth.add(new Injection(AnomalyKind.STUCK_JOB, AnomalyEntity.job(service(jobService(j)), job(j),
                    runId(j, run)), run.plus(Duration.ofMinutes(2)), run));
        }
    }

    private int pick(Set<Integer> taken) {
        int svc;
        do {
            svc = random.nextInt(services);
        } while (!taken.add(svc));
        return svc;
    }

    List<Injection> truth() {
        return truth;
    }

    Instant windowStart(int w) {
        return start.plus(W.multipliedBy(w));
    }

    int windows() {
        return warmWindows + evalWindows;
    }

    /** The events of window {@code w} as {@code _bulk} NDJSON lines, appended to {@code out}. */
    void window(int w, StringBuilder out) {
        Instant ws = windowStart(w);
        for (int svc = 0; svc < services; svc++) {
            Integer silent = silentFrom.get(svc);
            if (silent != null && w >= silent && w < silent + SILENT_WINDOWS) {
                continue;
            }
            boolean burst = burstAt.getOrDefault(svc, -1) == w;
            for (int k = 0; k < ACTIONS_PER_SERVICE; k++) {
                int a = svc * ACTIONS_PER_SERVICE + k;
                if (a >= series) {
                    break;
                }
                double slow = slowAt.getOrDefault(a, -1) == w ? 8 + 4 * random.nextDouble() : 1;
                for (int i = 0; i < timedPerWindow; i++) {
                    double millis = typicalMillis[a] * Math.exp(0.15 * random.nextGaussian()) * slow;
                    event(out, ws.plusMillis(random.nextInt((int) W.toMillis())), svc, action(a), millis,
                            error(burst));
                }
            }
            for (int i = 0; i < UNTIMED_PER_WINDOW; i++) {
                event(out, ws.plusMillis(random.nextInt((int) W.toMillis())), svc, null, -1, error(burst));
            }
        }
        for (int j = 0; j < jobs; j++) {
            jobEvents(j, ws, ws.plus(W), out);
        }
    }

    private boolean error(boolean burst) {
        return random.nextDouble() < (burst ? 0.6 : 0.01);
    }

    private void jobEvents(int j, Instant from, Instant to, StringBuilder out) {
        for (Instant run = runStart(j, 0).minus(Duration.ofMinutes(30)); run.isBefore(to);
             run = run.plus(Duration.ofMinutes(30))) {
            Instant stuck = stuckRunAt.get(j);
            boolean isStuck = run.equals(stuck);
            if (stuck != null && run.isAfter(stuck)) {
                return; // while a run hangs, no new run starts
            }
            int minutes = 9 + (int) Math.floorMod(run.getEpochSecond() / 1800, 3L);
            String id = runId(j, run);
            emitIfIn(out, run, from, to, j, id, "started");
            for (int m = 1; m < minutes; m++) {
                if (isStuck && m > 2) {
                    break;
                }
                emitIfIn(out, run.plus(Duration.ofMinutes(m)), from, to, j, id, "heartbeat");
            }
            if (!isStuck) {
                emitIfIn(out, run.plus(Duration.ofMinutes(minutes)), from, to, j, id, "succeeded");
            }
        }
    }

    private void emitIfIn(StringBuilder out, Instant at, Instant from, Instant to, int j, String id, String state) {
        if (at.isBefore(from) || !at.isBefore(to)) {
            return;
        }
        out.append("{\"index\":{\"_index\":\"").append(index(at)).append("\"}}\n{\"@timestamp\":\"").append(at)
                .append("\",\"message\":\"job ").append(job(j)).append(' ').append(state)
                .append("\",\"log\":{\"level\":\"info\"},\"service\":{\"name\":\"").append(service(jobService(j)))
                .append("\"},\"host\":{\"name\":\"batch-").append(j % 7).append("\"},\"job\":{\"name\":\"")
                .append(job(j)).append("\",\"id\":\"").append(id).append("\",\"state\":\"").append(state)
                .append("\"}}\n");
    }

    private void event(StringBuilder out, Instant at, int svc, String action, double millis, boolean error) {
        out.append("{\"index\":{\"_index\":\"").append(index(at)).append("\"}}\n{\"@timestamp\":\"").append(at)
                .append("\",\"message\":\"").append(action == null ? "request handled" : action + " done")
                .append("\",\"log\":{\"level\":\"").append(error ? "error" : "info")
                .append("\"},\"service\":{\"name\":\"").append(service(svc)).append("\"},\"host\":{\"name\":\"")
                .append(host(svc)).append("\"},\"user\":{\"id\":\"u-").append(random.nextInt(20))
                .append("\"},\"organization\":{\"id\":\"t-").append(svc % 20).append("\"}");
        if (action != null) {
            out.append(",\"event\":{\"action\":\"").append(action).append("\",\"duration\":")
                    .append(Math.round(millis * 1_000_000)).append('}');
        }
        if (error) {
            out.append(",\"error\":{\"type\":\"java.lang.IllegalStateException\"}");
        }
        out.append("}\n");
    }

    /** Runs of job j start every 30 minutes, offset by j; the first at or after window {@code w}. */
    Instant runStart(int j, int w) {
        Instant at = windowStart(w);
        long offset = (j * 7L) % 30;
        long base = Math.floorDiv(at.getEpochSecond(), 1800L) * 1800L + offset * 60;
        Instant run = Instant.ofEpochSecond(base);
        return run.isBefore(at) ? run.plus(Duration.ofMinutes(30)) : run;
    }

    static String service(int svc) {
        return String.format(Locale.ROOT, "svc-%05d", svc);
    }

    static String host(int svc) {
        return String.format(Locale.ROOT, "host-%05d", svc);
    }

    static String action(int a) {
        return String.format(Locale.ROOT, "op-%06d", a);
    }

    static String job(int j) {
        return String.format(Locale.ROOT, "job-%04d", j);
    }

    static int jobService(int j) {
        return j;
    }

    private static String runId(int j, Instant run) {
        return job(j) + "-" + run.getEpochSecond();
    }

    private static String index(Instant at) {
        return "logwarden-events-" + at.toString().substring(0, 10).replace('-', '.');
    }
}
