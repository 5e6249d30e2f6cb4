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
 * Error-rate spikes per service. The baseline is the pooled error rate of recent windows plus its window-to-window
 * overdispersion (a beta distribution fitted by moments); a window is scored by the beta-binomial chance of seeing
 * at least its error count given its volume. So 2 errors in 3 events rate low, 2,000 in 3,000 rate high.
 */
public final class ErrorRateDetector {

    /** Windows kept per service. */
    static final int HISTORY = 288;
    /** The error rate is never assumed below this: a service with a clean history may still fail now and then. */
    static final double MIN_RATE = 0.001;
    /** Bounds of the beta concentration: low = very bursty service, high = near binomial. */
    static final double MIN_CONCENTRATION = 20;
    static final double MAX_CONCENTRATION = 1000;
    /** Copies of a false-positive window learned, so that one mark outweighs the windows it is pooled with. */
    static final int FEEDBACK_COPIES = 4;

    /** One window of one service: events and error events (log.level error/critical or event.outcome failure). */
    public record Observation(String service, Instant start, Instant end, long total, long errors) {
    }

    private final AnomalyFactory factory;
    private final int minHistory;
    private final SeriesMap<RateHistory> services;

    public ErrorRateDetector(AnomalyFactory factory) {
        this.factory = factory;
        this.minHistory = factory.properties().minHistory();
        this.services = new SeriesMap<>(factory.properties().maxSeriesPerKind());
    }

    public Optional<Anomaly> observe(Observation o, Instant now) {
        if (o.total() <= 0 || o.errors() < 0 || o.errors() > o.total()) {
            return Optional.empty();
        }
        AnomalyEntity entity = AnomalyEntity.service(o.service());
        String key = entity.key();
        RateHistory h = services.getOrCreate(key, k -> new RateHistory(HISTORY));
        if (h == null) {
            return Optional.empty();
        }
        services.touched(key);
        Optional<Anomaly> result = Optional.empty();
        Fit fit = h.fit();
        double[] range = fit.range(o.total());
        if (h.size() >= minHistory) {
            double a = fit.rate() * fit.concentration();
            double b = (1 - fit.rate()) * fit.concentration();
            // The exact tail only where it can matter: at most ~2 sd above the mean the score is below 10.
            double score = 0;
            if (o.errors() > o.total() * (2 * range[1] - fit.rate()) || factory.properties().reportThreshold() < 10) {
                score = Scoring.fromLogTailProbability(BetaBinomial.logUpperTail(o.errors(), o.total(), a, b));
            }
            if (factory.reportable(score)) {
                double actual = (double) o.errors() / o.total();
                String text = "error rate of %s %s (%s errors in %s events), expected %s-%s".formatted(
                        entity.label(), AnomalyFactory.percent(actual), AnomalyFactory.number(o.errors()),
                        AnomalyFactory.number(o.total()), AnomalyFactory.percent(range[0]),
                        AnomalyFactory.percent(range[1]));
                result = factory.create(AnomalyKind.ERROR_RATE, entity, o.start(), o.end(), score, actual, range[0],
                        range[1], "ratio", text, now).map(x -> x.withEvidence(Map.of("events", (double) o.total(),
                        "errors", (double) o.errors())));
            }
        }
        // Learn the window, its errors capped at the upper end of what was expected: one burst must not make the
        // next burst look normal, while a lasting change is still learned, step by step.
        long cap = h.size() >= minHistory ? Math.max(1, (long) Math.ceil(range[1] * o.total() * 2)) : o.errors();
        h.add(o.total(), Math.min(o.errors(), cap));
        return result;
    }

    /** Feedback: the window's error rate was normal for its service, at the volume it had. */
    public FeedbackOutcome learnNormal(Anomaly a) {
        String key = a.entity().key();
        RateHistory h = services.get(key);
        if (h == null) {
            return FeedbackOutcome.notLearned("the service's error-rate baseline is no longer kept");
        }
        Double total = a.evidence().get("events");
        Double errors = a.evidence().get("errors");
        if (total == null || errors == null || total <= 0 || errors < 0 || errors > total) {
            return FeedbackOutcome.notLearned("the anomaly does not carry its window's volume");
        }
        for (int i = 0; i < FEEDBACK_COPIES; i++) {
            h.add(Math.round(total), Math.round(errors));
        }
        services.touched(key);
        return FeedbackOutcome.LEARNED;
    }

    public int seriesCount() {
        return services.size();
    }

    SeriesMap<RateHistory> series() {
        return services;
    }

    void write(RateHistory h, DataOutput out) throws IOException {
        BinaryState.writeInts(out, h.totals());
        BinaryState.writeInts(out, h.errors());
    }

    RateHistory read(DataInput in) throws IOException {
        int[] totals = BinaryState.readInts(in);
        int[] errors = BinaryState.readInts(in);
        RateHistory h = new RateHistory(HISTORY);
        for (int i = 0; i < Math.min(totals.length, errors.length); i++) {
            h.add(totals[i], errors[i]);
        }
        return h;
    }

    /** Pooled rate and beta concentration. */
    record Fit(double rate, double concentration) {
        /** 5%-95% range of the error rate expected in a window of {@code n} events (normal approximation). */
        double[] range(long n) {
            double var = rate * (1 - rate) / n * (1 + (n - 1) / (concentration + 1));
            double sd = Math.sqrt(var);
            return new double[] {Math.max(0, rate - 1.645 * sd), Math.min(1, rate + 1.645 * sd)};
        }
    }

    /**
     * Ring of (total, errors) per window with running sums, so that fitting is O(1): the sum of squared deviations
     * of the window rates from the pooled rate p is sum(r^2) - 2 p sum(r) + m p^2 over the m windows with events.
     * The sums are recomputed exactly once per lap of the ring so rounding cannot drift.
     */
    static final class RateHistory {
        private final int[] totals;
        private final int[] errors;
        private int size;
        private int next;
        private int sinceExact;
        private long sumN;
        private long sumE;
        private int withEvents;
        private double sumR;
        private double sumR2;
        private double sumInvN;

        RateHistory(int capacity) {
            totals = new int[capacity];
            errors = new int[capacity];
        }

        void add(long total, long err) {
            int t = (int) Math.min(Integer.MAX_VALUE, Math.max(0, total));
            int e = (int) Math.min(t, Math.max(0, err));
            if (size == totals.length) {
                account(totals[next], errors[next], -1);
            }
            totals[next] = t;
            errors[next] = e;
            account(t, e, 1);
            next = (next + 1) % totals.length;
            size = Math.min(size + 1, totals.length);
            if (++sinceExact >= totals.length) {
                recompute();
            }
        }

        private void account(int t, int e, int sign) {
            sumN += sign * (long) t;
            sumE += sign * (long) e;
            if (t > 0) {
                double r = (double) e / t;
                withEvents += sign;
                sumR += sign * r;
                sumR2 += sign * r * r;
                sumInvN += sign / (double) t;
            }
        }

        private void recompute() {
            sinceExact = 0;
            sumN = 0;
            sumE = 0;
            withEvents = 0;
            sumR = 0;
            sumR2 = 0;
            sumInvN = 0;
            for (int i = 0; i < size; i++) {
                account(totals[i], errors[i], 1);
            }
        }

        int size() {
            return size;
        }

        int[] totals() {
            return ordered(totals);
        }

        int[] errors() {
            return ordered(errors);
        }

        private int[] ordered(int[] ring) {
            int[] out = new int[size];
            int start = size < ring.length ? 0 : next;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(start + i) % ring.length];
            }
            return out;
        }

        Fit fit() {
            double p = Math.max(MIN_RATE, (sumE + 0.5) / (sumN + 1.0));
            if (size < 4 || p >= 1) {
                return new Fit(Math.min(p, 0.999), MIN_CONCENTRATION);
            }
            // Method of moments: excess of the observed variance of window rates over the binomial one.
            double varObs = Math.max(0, sumR2 - 2 * p * sumR + withEvents * p * p);
            double binomial = p * (1 - p) * sumInvN;
            double rho = (varObs - binomial) / size / (p * (1 - p));
            double concentration = rho <= 0 ? MAX_CONCENTRATION : (1 - rho) / rho;
            return new Fit(Math.min(p, 0.999),
                    Math.max(MIN_CONCENTRATION, Math.min(MAX_CONCENTRATION, concentration)));
        }
    }
}
