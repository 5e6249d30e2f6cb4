package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyProperties;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stuck and long-running job runs ({@code job.*} events). It follows each run from its start event: the job events of
 * each cycle's new interval are added to the runs still open, so every finished run is learned exactly once and no
 * query ever reaches back further than the last cycle. Per job name it learns the durations of finished runs and the
 * typical gap between heartbeats; a run still open is long-running past quantile x margin of past durations, and has
 * stopped beating when its last sign of life is older than a few typical heartbeat gaps. Without history for a job
 * name nothing is judged.
 */
public final class StuckJobDetector {

    /**
     * What the job events of one interval say about one run.
     *
     * @param startedAt  its start event, if in the interval
     * @param lastSeen   its latest event in the interval
     * @param finishedAt its finish (succeeded, failed, canceled), if in the interval
     * @param heartbeats heartbeat events in the interval
     */
    public record Activity(String service, String jobName, String jobId, Instant startedAt, Instant lastSeen,
                           Instant finishedAt, long heartbeats) {
    }

    private static final int HISTORY = 128;
    static final double SIGNAL_HEARTBEAT = 1;
    static final double SIGNAL_DURATION = 0;

    private final AnomalyFactory factory;
    private final AnomalyProperties.Jobs config;
    private final SeriesMap<JobBaseline> jobs;
    private final SeriesMap<OpenRun> open;

    public StuckJobDetector(AnomalyFactory factory) {
        this.factory = factory;
        this.config = factory.properties().jobs();
        this.jobs = new SeriesMap<>(factory.properties().maxSeriesPerKind());
        this.open = new SeriesMap<>(factory.properties().maxSeriesPerKind());
    }

    /** Adds the activity of one interval: finished runs are learned (once), others stay or become open. */
    public void apply(List<Activity> activities) {
        for (Activity a : activities) {
            String key = runKey(a.jobName(), a.jobId());
            OpenRun run = open.get(key);
            Instant started = run != null && run.startedAt != null ? run.startedAt : a.startedAt();
            long heartbeats = (run == null ? 0 : run.heartbeats) + a.heartbeats();
            if (a.finishedAt() != null) {
                open.remove(key);
                if (started != null) {
                    learn(a.jobName(), Duration.between(started, a.finishedAt()), heartbeats);
                }
                continue;
            }
            if (run == null) {
                if (a.startedAt() == null) {
                    continue; // its start is older than anything learned: nothing to measure it against
                }
                run = open.getOrCreate(key, k -> new OpenRun(a.service(), a.jobName(), a.jobId()));
                if (run == null) {
                    continue;
                }
            }
            run.startedAt = started;
            run.lastSeen = max(run.lastSeen, a.lastSeen());
            run.heartbeats = heartbeats;
            if (run.service == null) {
                run.service = a.service();
            }
            open.touched(key);
        }
    }

    void learn(String jobName, Duration duration, long heartbeats) {
        double seconds = duration.toMillis() / 1000.0;
        if (seconds < 0) {
            return;
        }
        JobBaseline b = jobs.getOrCreate(jobName, k -> new JobBaseline());
        if (b == null) {
            return;
        }
        b.durations.add(seconds);
        if (heartbeats > 0) {
            b.gaps.add(seconds / (heartbeats + 1));
        }
        jobs.touched(jobName);
    }

    /**
     * Judges the runs still open at {@code now}: at most one anomaly per run, the stronger of the two signs. Runs
     * with no sign of life for longer than {@code forgetAfter} are dropped (a crashed run never sends its finish).
     */
    public List<Anomaly> check(Instant now, Duration forgetAfter) {
        List<Anomaly> out = new ArrayList<>();
        List<String> forget = new ArrayList<>();
        open.forEach((key, run) -> {
            if (run.lastSeen != null && run.lastSeen.isBefore(now.minus(forgetAfter))) {
                forget.add(key);
                return;
            }
            Anomaly a = judge(run, now);
            if (a != null) {
                out.add(a);
            }
        });
        forget.forEach(open::remove);
        return out;
    }

    private Anomaly judge(OpenRun run, Instant now) {
        double medium = factory.properties().mediumThreshold();
        AnomalyEntity entity = AnomalyEntity.job(run.service, run.jobName, run.jobId);
        JobBaseline past = jobs.get(run.jobName);
        if (past == null) {
            return null;
        }
        Anomaly best = null;
        if (past.durations.size() >= config.minRuns()) {
            double limit = Math.max(1, past.durations.quantile(config.durationQuantile()) * config.margin());
            double elapsed = Duration.between(run.startedAt, now).toMillis() / 1000.0;
            if (elapsed > limit) {
                String text = "job %s running for %s, finished runs take %s-%s (limit p%s x %s = %s)".formatted(
                        entity.label(), AnomalyFactory.duration(seconds(elapsed)),
                        AnomalyFactory.duration(seconds(past.durations.quantile(0.05))),
                        AnomalyFactory.duration(seconds(past.durations.quantile(0.95))),
                        AnomalyFactory.number(config.durationQuantile() * 100),
                        AnomalyFactory.number(config.margin()), AnomalyFactory.duration(seconds(limit)));
                best = factory.create(AnomalyKind.STUCK_JOB, entity, run.startedAt, now,
                        Scoring.fromExceedance(elapsed / limit, medium), elapsed, past.durations.quantile(0.05),
                        limit, "s", text, now).map(a -> a.withEvidence(Map.of("signal", SIGNAL_DURATION)))
                        .orElse(null);
            }
        }
        if (run.heartbeats > 0 && past.gaps.size() >= config.minRuns() && run.lastSeen != null) {
            double typical = Math.max(1, past.gaps.median());
            double limit = typical * config.heartbeatMisses();
            double silent = Duration.between(run.lastSeen, now).toMillis() / 1000.0;
            if (silent > limit) {
                String text = "no heartbeat from job %s for %s, heartbeats normally every %s".formatted(
                        entity.label(), AnomalyFactory.duration(seconds(silent)),
                        AnomalyFactory.duration(seconds(typical)));
                double score = Scoring.fromExceedance(silent / limit, medium);
                if (best == null || score > best.score()) {
                    Anomaly beat = factory.create(AnomalyKind.STUCK_JOB, entity, run.startedAt, now, score, silent,
                            0, limit, "s", text, now).map(a -> a.withEvidence(Map.of("signal", SIGNAL_HEARTBEAT)))
                            .orElse(null);
                    best = beat == null ? best : beat;
                }
            }
        }
        return best;
    }

    /** Feedback: a run as long (or a heartbeat gap as long) as the flagged one is normal for its job. */
    public FeedbackOutcome learnNormal(Anomaly a) {
        boolean heartbeat = a.evidence().getOrDefault("signal", SIGNAL_DURATION) == SIGNAL_HEARTBEAT;
        JobBaseline b = jobs.get(a.entity().name());
        if (b == null) {
            return FeedbackOutcome.notLearned("the job's run history is no longer kept");
        }
        if (!(a.actual() > 0)) {
            return FeedbackOutcome.notLearned("the anomaly carries no duration to learn");
        }
        RobustBaseline target = heartbeat ? b.gaps : b.durations;
        double value = heartbeat ? a.actual() / config.heartbeatMisses() : a.actual() / config.margin();
        for (int i = 0; i < HISTORY / 8; i++) {
            target.add(value * 1.01);
        }
        jobs.touched(a.entity().name());
        return FeedbackOutcome.LEARNED;
    }

    public int seriesCount() {
        return jobs.size();
    }

    public int openRuns() {
        return open.size();
    }

    SeriesMap<JobBaseline> baselines() {
        return jobs;
    }

    SeriesMap<OpenRun> openRunMap() {
        return open;
    }

    void write(JobBaseline b, DataOutput out) throws IOException {
        BinaryState.writeFloats(out, b.durations.values());
        BinaryState.writeFloats(out, b.gaps.values());
    }

    JobBaseline readBaseline(DataInput in) throws IOException {
        JobBaseline b = new JobBaseline();
        float[] d = BinaryState.readFloats(in);
        b.durations.load(d, d.length);
        float[] g = BinaryState.readFloats(in);
        b.gaps.load(g, g.length);
        return b;
    }

    void write(OpenRun r, DataOutput out) throws IOException {
        out.writeUTF(r.service == null ? "" : r.service);
        out.writeUTF(r.jobName);
        out.writeUTF(r.jobId);
        BinaryState.writeInstant(out, r.startedAt);
        BinaryState.writeInstant(out, r.lastSeen);
        out.writeLong(r.heartbeats);
    }

    OpenRun readRun(DataInput in) throws IOException {
        String service = in.readUTF();
        OpenRun r = new OpenRun(service.isEmpty() ? null : service, in.readUTF(), in.readUTF());
        r.startedAt = BinaryState.readInstant(in);
        r.lastSeen = BinaryState.readInstant(in);
        r.heartbeats = in.readLong();
        return r;
    }

    static String runKey(String jobName, String jobId) {
        return jobName + "\u0000" + jobId;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** Durations of finished runs and heartbeat gaps of one job name. */
    static final class JobBaseline {
        final RobustBaseline durations = new RobustBaseline(HISTORY);
        final RobustBaseline gaps = new RobustBaseline(HISTORY);
    }

    /** A run with a start and no finish yet. */
    static final class OpenRun {
        String service;
        final String jobName;
        final String jobId;
        Instant startedAt;
        Instant lastSeen;
        long heartbeats;

        OpenRun(String service, String jobName, String jobId) {
            this.service = service;
            this.jobName = jobName;
            this.jobId = jobId;
        }
    }
}
