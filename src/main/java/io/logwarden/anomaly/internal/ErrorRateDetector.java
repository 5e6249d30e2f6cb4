package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import java.time.Instant;
import java.util.HashMap;
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

    /** One window of one service: events and error events (log.level error/critical or event.outcome failure). */
    public record Observation(String service, Instant start, Instant end, long total, long errors) {
    }

    private final AnomalyFactory factory;
    private final int minHistory;
    private final Map<String, RateHistory> services = new HashMap<>();

    public ErrorRateDetector(AnomalyFactory factory) {
        this.factory = factory;
        this.minHistory = factory.properties().minHistory();
    }

    public Optional<Anomaly> observe(Observation o, Instant now) {
        if (o.total() <= 0 || o.errors() < 0 || o.errors() > o.total()) {
            return Optional.empty();
        }
        AnomalyEntity entity = AnomalyEntity.service(o.service());
        RateHistory h = services.computeIfAbsent(entity.key(), k -> new RateHistory(HISTORY));
        Optional<Anomaly> result = Optional.empty();
        Fit fit = h.fit();
        if (h.size() >= minHistory) {
            double a = fit.rate() * fit.concentration();
            double b = (1 - fit.rate()) * fit.concentration();
            double[] range = fit.range(o.total());
            // The exact tail only where it can matter: at most ~2 sd above the mean the score is below 10.
            double score = 0;
            if (o.errors() > o.total() * (2 * range[1] - fit.rate()) || factory.properties().reportThreshold() < 10) {
                score = Scoring.fromLogTailProbability(BetaBinomial.logUpperTail(o.errors(), o.total(), a, b));
            }
            double actual = (double) o.errors() / o.total();
            String text = !factory.reportable(score) ? "" : "error rate of %s %s (%s errors in %s events), expected %s-%s".formatted(entity.label(),
                    AnomalyFactory.percent(actual), AnomalyFactory.number(o.errors()),
                    AnomalyFactory.number(o.total()), AnomalyFactory.percent(range[0]),
                    AnomalyFactory.percent(range[1]));
            result = factory.create(AnomalyKind.ERROR_RATE, entity, o.start(), o.end(), score, actual, range[0],
                    range[1], "ratio", text, now);
        }
        // Learn the window, its errors capped at the upper end of what was expected: one burst must not make the
        // next burst look normal, while a lasting change is still learned, step by step.
        long cap = h.size() >= minHistory
                ? Math.max(1, (long) Math.ceil(fit.range(o.total())[1] * o.total() * 2)) : o.errors();
        h.add(o.total(), Math.min(o.errors(), cap));
        return result;
    }

    /** Feedback: the window's error rate was normal for its service. */
    public void learnNormal(Anomaly a, long total) {
        RateHistory h = services.get(a.entity().key());
        if (h != null && total > 0) {
            long errors = Math.round(a.actual() * total);
            for (int i = 0; i < 4; i++) {
                h.add(total, errors);
            }
        }
    }

    public int seriesCount() {
        return services.size();
    }

    public Map<String, long[][]> snapshot() {
        Map<String, long[][]> out = new HashMap<>();
        services.forEach((k, v) -> out.put(k, v.values()));
        return out;
    }

    public void restore(Map<String, long[][]> snapshot) {
        snapshot.forEach((k, v) -> {
            RateHistory h = new RateHistory(HISTORY);
            for (long[] w : v) {
                h.add(w[0], w[1]);
            }
            services.put(k, h);
        });
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

    /** Ring of (total, errors) per window. */
    static final class RateHistory {
        private final long[] totals;
        private final long[] errors;
        private int size;
        private int next;

        RateHistory(int capacity) {
            totals = new long[capacity];
            errors = new long[capacity];
        }

        void add(long total, long err) {
            totals[next] = total;
            errors[next] = err;
            next = (next + 1) % totals.length;
            size = Math.min(size + 1, totals.length);
        }

        int size() {
            return size;
        }

        long[][] values() {
            long[][] out = new long[size][];
            int start = size < totals.length ? 0 : next;
            for (int i = 0; i < size; i++) {
                int j = (start + i) % totals.length;
                out[i] = new long[] {totals[j], errors[j]};
            }
            return out;
        }

        Fit fit() {
            long n = 0;
            long e = 0;
            for (int i = 0; i < size; i++) {
                n += totals[i];
                e += errors[i];
            }
            double p = Math.max(MIN_RATE, (e + 0.5) / (n + 1.0));
            if (size < 4 || p >= 1) {
                return new Fit(Math.min(p, 0.999), MIN_CONCENTRATION);
            }
            // Method of moments: excess of the observed variance of window rates over the binomial one.
            double varObs = 0;
            double binomial = 0;
            for (int i = 0; i < size; i++) {
                if (totals[i] == 0) {
                    continue;
                }
                double r = (double) errors[i] / totals[i];
                varObs += (r - p) * (r - p);
                binomial += p * (1 - p) / totals[i];
            }
            double rho = (varObs - binomial) / size / (p * (1 - p));
            double concentration = rho <= 0 ? MAX_CONCENTRATION : (1 - rho) / rho;
            return new Fit(Math.min(p, 0.999),
                    Math.max(MIN_CONCENTRATION, Math.min(MAX_CONCENTRATION, concentration)));
        }
    }
}
