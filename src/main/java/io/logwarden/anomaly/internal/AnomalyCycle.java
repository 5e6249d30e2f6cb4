package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.storage.AnomalyBaselines;
import io.logwarden.storage.AnomalyFeatureQueries;
import io.logwarden.storage.SingletonLease;
import io.logwarden.storage.VersionedDocumentStore;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One detector cycle, run by one application instance at a time (the holder of the {@code anomaly-detectors}
 * lease): applies pending false-positive feedback, extracts the features of the windows closed since the last cycle
 * window by window (on a cold start, the configured history, learned but not reported), feeds the detectors, adds
 * the job events since the last cycle, records and publishes the anomalies, and saves the baselines every
 * {@code persist-interval} and on shutdown. An instance that takes the lease over reloads the saved state first.
 * See docs/decisions/033 and 035.
 */
@Component
public class AnomalyCycle {

    /** Result of one cycle, for logs, tests and the benchmark. */
    public record Result(boolean ran, Instant windowsFrom, Instant windowsTo, List<Anomaly> anomalies, int published,
                         int series, long droppedSeries, Duration took, Phases phases) {
        static Result skipped() {
            return new Result(false, null, null, List.of(), 0, 0, 0, Duration.ZERO, Phases.NONE);
        }
    }

    /**
     * Where a cycle's time went.
     *
     * @param extraction the feature and job queries to Elasticsearch, the watermark included
     * @param model      scoring and learning in the detectors
     * @param recording  tenants lookup and writing of the anomalies found
     * @param other      lease, feedback and saving the baselines
     */
    public record Phases(Duration extraction, Duration model, Duration recording, Duration other) {
        static final Phases NONE = new Phases(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * What this instance's detectors hold, while it runs them.
     *
     * @param series      series tracked per kind
     * @param openJobRuns job runs followed that have not finished
     * @param windowsUntil windows learned up to here
     */
    public record State(Map<AnomalyKind, Integer> series, int openJobRuns, Instant windowsUntil) {
    }

    static final String LEASE = "anomaly-detectors";
    private static final Logger log = LoggerFactory.getLogger(AnomalyCycle.class);
    /** Anomalies recorded in one request during a long catch-up. */
    private static final int FLUSH_EVERY = 1000;

    private final AnomalyProperties properties;
    private final AnomalyFeatureQueries features;
    private final AnomalyRecorder recorder;
    private final FeedbackApplier feedback;
    private final BaselinePersistence persistence;
    private final SingletonLease lease;
    private final AnomalyMetrics metrics;
    private Clock clock = Clock.systemUTC();
    private Detectors detectors;
    private Instant cursor;
    private Instant jobsCursor;
    private Instant lastRun;
    private Instant lastPersist;

    @Autowired
    public AnomalyCycle(AnomalyProperties properties, AnomalyFeatureQueries features, AnomalyRecorder recorder,
                        FeedbackApplier feedback, AnomalyBaselines baselines, VersionedDocumentStore leases,
                        AnomalyMetrics metrics) {
        this(properties, features, recorder, feedback, baselines, new SingletonLease(leases, LEASE,
                ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID(),
                properties.leaseDuration()), metrics);
    }

    AnomalyCycle(AnomalyProperties properties, AnomalyFeatureQueries features, AnomalyRecorder recorder,
                 FeedbackApplier feedback, AnomalyBaselines baselines, SingletonLease lease, AnomalyMetrics metrics) {
        this.properties = properties;
        this.features = features;
        this.recorder = recorder;
        this.feedback = feedback;
        this.persistence = new BaselinePersistence(baselines);
        this.lease = lease;
        this.metrics = metrics;
    }

    /** Ticks often and runs a cycle when {@code logwarden.anomaly.interval} has passed since the last one. */
    @Scheduled(fixedDelay = 5000, initialDelay = 15000)
    void tick() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        if (lastRun != null && now.isBefore(lastRun.plus(properties.interval()))) {
            return;
        }
        try {
            Result r = runCycle(now);
            if (!r.anomalies().isEmpty()) {
                log.info("Anomaly cycle over {} to {}: {} anomalies ({} published), {} series, {} ms",
                        r.windowsFrom(), r.windowsTo(), r.anomalies().size(), r.published(), r.series(),
                        r.took().toMillis());
            }
        } catch (RuntimeException e) {
            metrics.outcome("failed");
            log.warn("Anomaly cycle failed, retrying next interval: {}", e.getMessage());
        }
    }

    /**
     * Runs one cycle as if the time were {@code now} (the lease is taken and renewed on the real clock). Does nothing
     * but report {@code ran = false} when another instance holds the lease.
     */
    public synchronized Result runCycle(Instant now) {
        long started = System.nanoTime();
        lastRun = now;
        SingletonLease.Outcome held = lease.acquire(clock.instant());
        if (!held.held()) {
            // Another instance runs the detectors: its state moves on, ours would only go stale.
            detectors = null;
            metrics.outcome("skipped");
            return Result.skipped();
        }
        if (held.takenOver() || detectors == null) {
            load();
        }
        try {
            return cycle(now, started);
        } catch (RuntimeException e) {
            // Part of the windows may have been learned without the cursor moving: start again from the saved state.
            detectors = null;
            throw e;
        }
    }

    private Result cycle(Instant now, long started) {
        feedback.apply(detectors);
        Duration window = properties.window();
        long[] nanos = new long[3]; // model, recording, extraction
        long t = System.nanoTime();
        Instant safe = safeUntil(now);
        nanos[2] += System.nanoTime() - t;
        Instant closed = floor(safe, window);
        Instant earliest = floor(closed.minus(properties.history()), window);
        boolean cold = cursor == null;
        Instant from = cold || cursor.isBefore(earliest) ? earliest : cursor;
        // Cold start: learn the history, report only the last window. Resumed: report every window caught up on.
        Instant reportAfter = cold ? closed.minus(window) : from;
        List<Anomaly> found = new ArrayList<>();
        List<Anomaly> recorded = new ArrayList<>();
        int[] published = {0};
        Duration renewBefore = properties.leaseDuration().dividedBy(2);
        long windowsStarted = System.nanoTime();
        long inSink = nanos[0] + nanos[1];
        features.windows(from, closed, window, properties.maxSeriesPerKind(), f -> {
            if (!lease.holds(clock.instant().plus(renewBefore)) && !lease.renew(clock.instant())) {
                throw new IllegalStateException("the anomaly detector lease was taken over during the cycle");
            }
            long m = System.nanoTime();
            List<Anomaly> a = detectors.observeWindow(f, window, now);
            nanos[0] += System.nanoTime() - m;
            if (f.start().plus(window).isAfter(reportAfter)) {
                found.addAll(a);
            }
            if (found.size() >= FLUSH_EVERY) {
                flush(found, now, recorded, published, nanos);
            }
        });
        nanos[2] += System.nanoTime() - windowsStarted - (nanos[0] + nanos[1] - inSink);
        Instant jobsFrom = jobsCursor == null || jobsCursor.isBefore(safe.minus(properties.history()))
                ? safe.minus(properties.history()) : jobsCursor;
        if (jobsFrom.isBefore(safe)) {
            t = System.nanoTime();
            List<AnomalyFeatureQueries.JobActivity> activity =
                    features.jobActivity(jobsFrom, safe, properties.maxSeriesPerKind());
            long m = System.nanoTime();
            nanos[2] += m - t;
            detectors.observeJobs(activity);
            nanos[0] += System.nanoTime() - m;
            jobsCursor = safe;
        }
        t = System.nanoTime();
        found.addAll(detectors.checkJobs(safe, properties.history()));
        nanos[0] += System.nanoTime() - t;
        cursor = max(cursor, closed);
        flush(found, now, recorded, published, nanos);
        if (lastPersist == null || cold || !now.isBefore(lastPersist.plus(properties.persistInterval()))) {
            persist(now);
        }
        long total = System.nanoTime() - started;
        Duration took = Duration.ofNanos(total);
        metrics.ran(took, detectors.seriesByKind(), detectors.droppedSeries());
        Phases phases = new Phases(Duration.ofNanos(nanos[2]), Duration.ofNanos(nanos[0]), Duration.ofNanos(nanos[1]),
                Duration.ofNanos(Math.max(0, total - nanos[0] - nanos[1] - nanos[2])));
        return new Result(true, from, closed, recorded, published[0], detectors.seriesCount(),
                detectors.droppedSeries(), took, phases);
    }

    private void flush(List<Anomaly> found, Instant now, List<Anomaly> recorded, int[] published, long[] nanos) {
        long t = System.nanoTime();
        AnomalyRecorder.Outcome o = recorder.record(found, now, properties.alertMaxAge());
        recorded.addAll(o.recorded());
        published[0] += o.published();
        found.clear();
        nanos[1] += System.nanoTime() - t;
    }

    /**
     * Events up to this instant are taken as complete: {@code lag} before now, and not past the latest event
     * Elasticsearch has received (event.ingested) while ingest catches up, but never more than {@code max-lag}
     * before now (so a whole fleet falling silent is still reported).
     */
    Instant safeUntil(Instant now) {
        Instant byLag = now.minus(properties.lag());
        Instant floor = now.minus(properties.maxLag());
        Instant watermark = features.latestIngested(floor, now.plusSeconds(1)).orElse(null);
        Instant safe = watermark == null ? floor : watermark.isAfter(byLag) ? byLag : watermark;
        return safe.isBefore(floor) ? floor : safe;
    }

    private void load() {
        detectors = new Detectors(properties);
        BaselinePersistence.Cursors c = persistence.restore(detectors).orElse(null);
        cursor = c == null ? null : c.windows();
        jobsCursor = c == null ? null : c.jobs();
        lastPersist = null;
    }

    /** Saves the changed baselines now (only while this instance runs the detectors). */
    public synchronized void persist(Instant now) {
        // Renewed, not just believed held: a stale instance must not overwrite the state of the one that took over.
        if (detectors != null && cursor != null && lease.renew(clock.instant())) {
            persistence.save(detectors, new BaselinePersistence.Cursors(cursor, jobsCursor), now);
            lastPersist = now;
        }
    }

    /** Forgets the in-memory state; the next cycle restores from the saved baselines (as after a restart). */
    public synchronized void forgetInMemoryState() {
        detectors = null;
        cursor = null;
        jobsCursor = null;
        lastRun = null;
        lastPersist = null;
    }

    /** Saves and gives up the lease, so another instance can take over at once. */
    public synchronized void stepDown() {
        persist(clock.instant());
        lease.release();
        forgetInMemoryState();
    }

    /** The detectors' state on this instance; empty when it does not run them. */
    public synchronized Optional<State> state() {
        return detectors == null ? Optional.empty()
                : Optional.of(new State(detectors.seriesByKind(), detectors.jobs.openRuns(), cursor));
    }

    /** Whether this instance currently runs the detectors. */
    public boolean runsDetectors() {
        return lease.holds(clock.instant());
    }

    @PreDestroy
    void saveOnShutdown() {
        try {
            stepDown();
        } catch (RuntimeException e) {
            log.warn("Could not save anomaly baselines on shutdown: {}", e.getMessage());
        }
    }

    /** For tests: the detectors while this instance runs them, else null. */
    synchronized Detectors detectors() {
        return detectors;
    }

    /** For tests of the lease: the clock the lease runs on. */
    void useClock(Clock c) {
        this.clock = c;
    }

    static Instant floor(Instant t, Duration window) {
        long w = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), w) * w);
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : a.isAfter(b) ? a : b;
    }
}
