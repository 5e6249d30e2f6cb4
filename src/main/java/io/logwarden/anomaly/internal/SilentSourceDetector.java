package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Silent sources: a service or host that regularly sends events and sent none. Per source it keeps a robust
 * seasonal baseline of its event count per window while it sends, and per hour of day the days on which it was
 * silent then. A silence that recurs (on more than half of the last 7 days at that hour, or at that hour of the week
 * in 2 of the last 4 weeks) is regular and not judged; any other silent stretch of k windows is scored by the Poisson
 * chance exp(-k x low) of seeing nothing, where low is the low end (5th percentile) of its normal count for that
 * time. A source silent for longer than its history is forgotten (decommissioned). See docs/decisions/032.
 */
public final class SilentSourceDetector {

    /** Event counts of one window, by source; a known source missing from {@code counts} sent nothing. */
    public record Observation(Instant start, Instant end, Map<AnomalyEntity, Long> counts) {
    }

    private final AnomalyFactory factory;
    private final UnivariateScorer.Config config;
    private final double minExpected;
    private final SeriesMap<Source> sources;

    public SilentSourceDetector(AnomalyFactory factory) {
        this.factory = factory;
        var p = factory.properties();
        this.config = new UnivariateScorer.Config(p.baselineCapacity(), p.minHistory(), p.seasonalMinDays(),
                UnivariateScorer.Seasonality.WEEKLY, UnivariateScorer.Direction.DOWN, 0.0, 1e-6);
        this.minExpected = p.silence().minExpectedEvents();
        this.sources = new SeriesMap<>(p.maxSeriesPerKind());
    }

    public List<Anomaly> observe(Observation o, Instant now) {
        List<Anomaly> out = new ArrayList<>();
        o.counts().forEach((entity, count) -> {
            if (count > 0) {
                String key = entity.key();
                Source s = sources.getOrCreate(key, k -> new Source(entity, new UnivariateScorer(config)));
                if (s != null) {
                    s.seen(o.start(), count);
                    sources.touched(key);
                }
            }
        });
        List<String> forget = new ArrayList<>();
        sources.forEach((key, s) -> {
            if (o.counts().getOrDefault(s.entity, 0L) > 0) {
                return;
            }
            sources.touched(key);
            if (++s.silentWindows > config.capacity()) {
                forget.add(key);
                return;
            }
            if (s.days.regular(o.start())) {
                s.days.markSilent(o.start());
                s.unexpectedSince = null;
                s.unexpectedWindows = 0;
                return;
            }
            s.days.markSilent(o.start());
            if (s.unexpectedSince == null) {
                s.unexpectedSince = o.start();
            }
            s.unexpectedWindows++;
            UnivariateScorer.Result r = s.scorer.score(o.start(), 0);
            if (!r.warm() || !(r.low() >= minExpected)) {
                return;
            }
            double score = Scoring.fromLogTailProbability(-r.low() * s.unexpectedWindows);
            if (!factory.reportable(score)) {
                return;
            }
            Duration window = Duration.between(o.start(), o.end());
            String text = "%s %s sent no events for %s, expected %s-%s per %s".formatted(s.entity.type(),
                    s.entity.label(), AnomalyFactory.duration(Duration.between(s.unexpectedSince, o.end())),
                    AnomalyFactory.number(r.low()), AnomalyFactory.number(r.high()), AnomalyFactory.duration(window));
            factory.create(AnomalyKind.SILENT_SOURCE, s.entity, s.unexpectedSince, o.end(), score, 0, r.low(),
                    r.high(), "events", text, now).ifPresent(out::add);
        });
        forget.forEach(sources::remove);
        return out;
    }

    /**
     * Feedback: this silence was normal. The hours of the day it covered are treated as regularly silent (as if the
     * source had been silent then on each of the last 7 days), which lasts about 3 days unless it recurs.
     */
    public FeedbackOutcome learnNormal(Anomaly a) {
        Source s = sources.get(a.entity().key());
        if (s == null) {
            return FeedbackOutcome.notLearned("the source is no longer tracked");
        }
        Instant end = a.windowEnd().isAfter(a.windowStart().plus(Duration.ofDays(1)))
                ? a.windowStart().plus(Duration.ofDays(1)) : a.windowEnd();
        for (Instant t = a.windowStart(); t.isBefore(end); t = t.plus(Duration.ofMinutes(30))) {
            s.days.excuse(t);
        }
        s.unexpectedSince = null;
        s.unexpectedWindows = 0;
        sources.touched(a.entity().key());
        return FeedbackOutcome.LEARNED;
    }

    public int seriesCount() {
        return sources.size();
    }

    SeriesMap<Source> series() {
        return sources;
    }

    void write(Source s, DataOutput out) throws IOException {
        out.writeUTF(s.entity.type());
        out.writeUTF(s.entity.service() == null ? "" : s.entity.service());
        out.writeUTF(s.entity.name());
        s.scorer.write(out);
        s.days.write(out);
        out.writeInt(s.silentWindows);
        out.writeInt(s.unexpectedWindows);
        BinaryState.writeInstant(out, s.unexpectedSince);
    }

    Source read(DataInput in) throws IOException {
        String type = in.readUTF();
        String service = in.readUTF();
        String name = in.readUTF();
        Source s = new Source(new AnomalyEntity(type, service.isEmpty() ? null : service, name, null),
                UnivariateScorer.read(config, in));
        s.days.read(in);
        s.silentWindows = in.readInt();
        s.unexpectedWindows = in.readInt();
        s.unexpectedSince = BinaryState.readInstant(in);
        return s;
    }

    static final class Source {
        final AnomalyEntity entity;
        final UnivariateScorer scorer;
        final SilentDays days = new SilentDays();
        Instant unexpectedSince;
        int unexpectedWindows;
        int silentWindows;

        Source(AnomalyEntity entity, UnivariateScorer scorer) {
            this.entity = entity;
            this.scorer = scorer;
        }

        void seen(Instant at, long count) {
            scorer.update(at, count);
            days.advance(at);
            unexpectedSince = null;
            unexpectedWindows = 0;
            silentWindows = 0;
        }
    }
}
