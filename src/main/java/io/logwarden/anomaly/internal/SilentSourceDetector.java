package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Silent sources: a service or host that regularly sends events and sent none. Per source it keeps a robust
 * (optionally seasonal) baseline of its event count per window; a silent stretch of k windows is scored by the
 * Poisson chance exp(-k x low) of seeing nothing, where low is the low end (5th percentile) of its normal count for
 * that time. A short hiccup of a chatty source rates high, a quiet night of a sparse one rates nothing.
 * Silent windows are not learned; a source silent for longer than its history is forgotten (decommissioned).
 */
public final class SilentSourceDetector {

    /** Event counts of one window, by source; a known source missing from {@code counts} sent nothing. */
    public record Observation(Instant start, Instant end, Map<AnomalyEntity, Long> counts) {
    }

    private final AnomalyFactory factory;
    private final UnivariateScorer.Config config;
    private final double minExpected;
    private final Map<AnomalyEntity, Source> sources = new HashMap<>();

    public SilentSourceDetector(AnomalyFactory factory) {
        this.factory = factory;
        var p = factory.properties();
        this.config = new UnivariateScorer.Config(p.baselineCapacity(), p.minHistory(), p.seasonalMinDays(), false,
                UnivariateScorer.Direction.DOWN, 0.0, 1e-6);
        this.minExpected = p.silence().minExpectedEvents();
    }

    public List<Anomaly> observe(Observation o, Instant now) {
        List<Anomaly> out = new ArrayList<>();
        o.counts().forEach((entity, count) -> {
            if (count > 0) {
                sources.computeIfAbsent(entity, e -> new Source(new UnivariateScorer(config))).seen(o.start(), count);
            }
        });
        List<AnomalyEntity> forget = new ArrayList<>();
        for (var e : sources.entrySet()) {
            if (o.counts().getOrDefault(e.getKey(), 0L) > 0) {
                continue;
            }
            Source s = e.getValue();
            if (s.silentSince == null) {
                s.silentSince = o.start();
            }
            s.silentWindows++;
            if (s.silentWindows > config.capacity()) {
                forget.add(e.getKey());
                continue;
            }
            UnivariateScorer.Result r = s.scorer.score(o.start(), 0);
            if (!r.warm() || !(r.low() >= minExpected)) {
                continue;
            }
            double score = Scoring.fromLogTailProbability(-r.low() * s.silentWindows);
            Duration window = Duration.between(o.start(), o.end());
            String text = "%s %s sent no events for %s, expected %s-%s per %s".formatted(e.getKey().type(),
                    e.getKey().label(), AnomalyFactory.duration(Duration.between(s.silentSince, o.end())),
                    AnomalyFactory.number(r.low()), AnomalyFactory.number(r.high()),
                    AnomalyFactory.duration(window));
            factory.create(AnomalyKind.SILENT_SOURCE, e.getKey(), s.silentSince, o.end(), score, 0, r.low(),
                    r.high(), "events", text, now).ifPresent(out::add);
        }
        forget.forEach(sources::remove);
        return out;
    }

    /** Feedback: silence of this source is normal; lower its expectations for the hour it happened in. */
    public void learnNormal(Anomaly a) {
        Source s = sources.get(a.entity());
        if (s != null) {
            s.scorer.learnNormal(a.windowStart(), 0);
        }
    }

    public int seriesCount() {
        return sources.size();
    }

    public Map<AnomalyEntity, UnivariateScorer.Snapshot> snapshot() {
        Map<AnomalyEntity, UnivariateScorer.Snapshot> out = new HashMap<>();
        sources.forEach((k, v) -> out.put(k, v.scorer.snapshot()));
        return out;
    }

    public void restore(Map<AnomalyEntity, UnivariateScorer.Snapshot> snapshot) {
        snapshot.forEach((k, v) -> sources.put(k, new Source(UnivariateScorer.restore(config, v))));
    }

    private static final class Source {
        final UnivariateScorer scorer;
        Instant silentSince;
        int silentWindows;

        Source(UnivariateScorer scorer) {
            this.scorer = scorer;
        }

        void seen(Instant at, long count) {
            scorer.update(at, count);
            silentSince = null;
            silentWindows = 0;
        }
    }
}
