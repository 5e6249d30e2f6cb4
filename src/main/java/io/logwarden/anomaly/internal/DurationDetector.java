package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Duration anomalies: the p95 of {@code event.duration} per action and service and window, scored on a log scale
 * against the series' robust (hour-of-day, and hour-of-week where the data shows a weekly pattern) baseline. Only
 * slower than normal counts.
 */
public final class DurationDetector {

    /** Windows with fewer events than this have too noisy a p95 to judge; they are neither scored nor learned. */
    static final long MIN_EVENTS = 5;

    /** One window of one action: events with a duration and their 95th percentile in milliseconds. */
    public record Observation(String service, String action, Instant start, Instant end, long count, double p95Millis) {
    }

    private final AnomalyFactory factory;
    private final UnivariateScorer.Config config;
    private final SeriesMap<UnivariateScorer> series;

    public DurationDetector(AnomalyFactory factory) {
        this.factory = factory;
        var p = factory.properties();
        this.config = new UnivariateScorer.Config(p.baselineCapacity(), p.minHistory(), p.seasonalMinDays(),
                UnivariateScorer.Seasonality.WEEKLY, UnivariateScorer.Direction.UP, 0.01, 1e-6);
        this.series = new SeriesMap<>(p.maxSeriesPerKind());
    }

    /** Scores and then learns one window. */
    public Optional<Anomaly> observe(Observation o, Instant now) {
        if (o.count() < MIN_EVENTS || !(o.p95Millis() >= 0)) {
            return Optional.empty();
        }
        AnomalyEntity entity = AnomalyEntity.action(o.service(), o.action());
        String key = entity.key();
        UnivariateScorer scorer = series.getOrCreate(key, k -> new UnivariateScorer(config));
        if (scorer == null) {
            return Optional.empty();
        }
        series.touched(key);
        double x = Math.log1p(o.p95Millis());
        UnivariateScorer.Result r = scorer.scoreAndUpdate(o.start(), x);
        if (!r.warm() || !factory.reportable(r.score())) {
            return Optional.empty();
        }
        double low = Math.expm1(r.low());
        double high = Math.expm1(r.high());
        String text = "p95 duration of %s %s ms over %s events, expected %s-%s ms".formatted(entity.label(),
                AnomalyFactory.number(o.p95Millis()), AnomalyFactory.number(o.count()), AnomalyFactory.number(low),
                AnomalyFactory.number(high));
        return factory.create(AnomalyKind.DURATION, entity, o.start(), o.end(), r.score(), o.p95Millis(), low, high,
                "ms", text, now).map(a -> a.withEvidence(Map.of("events", (double) o.count())));
    }

    /** Feedback: the anomaly was a false positive, so durations like it are normal for its action. */
    public FeedbackOutcome learnNormal(Anomaly a) {
        String key = a.entity().key();
        UnivariateScorer scorer = series.get(key);
        if (scorer == null) {
            return FeedbackOutcome.notLearned("the action's baseline is no longer kept");
        }
        if (!(a.actual() >= 0)) {
            return FeedbackOutcome.notLearned("the anomaly has no duration to learn");
        }
        scorer.learnNormal(a.windowStart(), Math.log1p(a.actual()));
        series.touched(key);
        return FeedbackOutcome.LEARNED;
    }

    public int seriesCount() {
        return series.size();
    }

    SeriesMap<UnivariateScorer> series() {
        return series;
    }

    void write(UnivariateScorer s, DataOutput out) throws IOException {
        s.write(out);
    }

    UnivariateScorer read(DataInput in) throws IOException {
        return UnivariateScorer.read(config, in);
    }
}
