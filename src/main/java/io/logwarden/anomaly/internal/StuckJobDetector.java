package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stuck and long-running job runs ({@code job.*} events). Per job name it learns the durations of finished runs and
 * the typical gap between heartbeats; a run still open is long-running past quantile x margin of past durations, and
 * has stopped beating when its last sign of life is older than a few typical heartbeat gaps. Without history for a
 * job name nothing is judged.
 */
public final class StuckJobDetector {

    /** A run with a start and no finish yet; {@code lastSeen} is its latest heartbeat (or its start). */
    public record OpenRun(String jobName, String jobId, Instant startedAt, Instant lastSeen, long heartbeats) {
    }

    /** A finished run: how long it took and how many heartbeats it sent. */
    public record FinishedRun(String jobName, String jobId, Duration duration, long heartbeats) {
    }

    private static final int HISTORY = 128;
    private static final String NO_HEARTBEAT = "no heartbeat from job";

    private final AnomalyFactory factory;
    private final AnomalyProperties.Jobs config;
    private final Map<String, RobustBaseline> durations = new HashMap<>();
    private final Map<String, RobustBaseline> heartbeatGaps = new HashMap<>();

    public StuckJobDetector(AnomalyFactory factory) {
        this.factory = factory;
        this.config = factory.properties().jobs();
    }

    public void learn(FinishedRun run) {
        double seconds = run.duration().toMillis() / 1000.0;
        if (seconds < 0) {
            return;
        }
        durations.computeIfAbsent(run.jobName(), k -> new RobustBaseline(HISTORY)).add(seconds);
        if (run.heartbeats() > 0) {
            heartbeatGaps.computeIfAbsent(run.jobName(), k -> new RobustBaseline(HISTORY))
                    .add(seconds / (run.heartbeats() + 1));
        }
    }

    /** Judges the runs still open at {@code now}: at most one anomaly per run, the stronger of the two signs. */
    public List<Anomaly> check(List<OpenRun> runs, Instant now) {
        List<Anomaly> out = new ArrayList<>();
        double medium = factory.properties().mediumThreshold();
        for (OpenRun run : runs) {
            AnomalyEntity entity = AnomalyEntity.job(run.jobName(), run.jobId());
            RobustBaseline past = durations.get(run.jobName());
            Anomaly best = null;
            if (past != null && past.size() >= config.minRuns()) {
                double limit = Math.max(1, past.quantile(config.durationQuantile()) * config.margin());
                double elapsed = Duration.between(run.startedAt(), now).toMillis() / 1000.0;
                if (elapsed > limit) {
                    String text = "job %s running for %s, finished runs take %s-%s (limit p%s x %s = %s)".formatted(
                            entity.label(), AnomalyFactory.duration(seconds(elapsed)),
                            AnomalyFactory.duration(seconds(past.quantile(0.05))),
                            AnomalyFactory.duration(seconds(past.quantile(0.95))),
                            AnomalyFactory.number(config.durationQuantile() * 100),
                            AnomalyFactory.number(config.margin()), AnomalyFactory.duration(seconds(limit)));
                    best = factory.create(AnomalyKind.STUCK_JOB, entity, run.startedAt(), now,
                            Scoring.fromExceedance(elapsed / limit, medium), elapsed, past.quantile(0.05),
                            limit, "s", text, now).orElse(null);
                }
            }
            RobustBaseline gaps = heartbeatGaps.get(run.jobName());
            if (run.heartbeats() > 0 && gaps != null && gaps.size() >= config.minRuns()) {
                double typical = Math.max(1, gaps.median());
                double limit = typical * config.heartbeatMisses();
                double silent = Duration.between(run.lastSeen(), now).toMillis() / 1000.0;
                if (silent > limit) {
                    String text = NO_HEARTBEAT + " %s for %s, heartbeats normally every %s".formatted(
                            entity.label(), AnomalyFactory.duration(seconds(silent)),
                            AnomalyFactory.duration(seconds(typical)));
                    double score = Scoring.fromExceedance(silent / limit, medium);
                    if (best == null || score > best.score()) {
                        best = factory.create(AnomalyKind.STUCK_JOB, entity, run.startedAt(), now, score, silent,
                                0, limit, "s", text, now).orElse(best);
                    }
                }
            }
            if (best != null) {
                out.add(best);
            }
        }
        return out;
    }

    /** Feedback: a run as long (or a heartbeat gap as long) as the flagged one is normal for its job. */
    public void learnNormal(Anomaly a) {
        boolean heartbeat = a.explanation().startsWith(NO_HEARTBEAT);
        RobustBaseline target = (heartbeat ? heartbeatGaps : durations).get(a.entity().name());
        if (target == null || !(a.actual() > 0)) {
            return;
        }
        double value = heartbeat ? a.actual() / config.heartbeatMisses() : a.actual() / config.margin();
        for (int i = 0; i < HISTORY / 8; i++) {
            target.add(value * 1.01);
        }
    }

    public int seriesCount() {
        return durations.size();
    }

    public Map<String, double[][]> snapshot() {
        Map<String, double[][]> out = new HashMap<>();
        durations.forEach((k, v) -> out.put(k, new double[][] {v.values(),
                heartbeatGaps.containsKey(k) ? heartbeatGaps.get(k).values() : new double[0]}));
        return out;
    }

    public void restore(Map<String, double[][]> snapshot) {
        snapshot.forEach((k, v) -> {
            durations.put(k, RobustBaseline.restore(HISTORY, v[0], v[0].length));
            if (v.length > 1 && v[1].length > 0) {
                heartbeatGaps.put(k, RobustBaseline.restore(HISTORY, v[1], v[1].length));
            }
        });
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
