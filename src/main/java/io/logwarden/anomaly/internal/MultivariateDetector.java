package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smile.anomaly.IsolationForest;

/**
 * Unusual combinations of per-window features of a service (volume, error rate, p95 duration, distinct users),
 * found by a Smile isolation forest fitted on the service's recent windows and refitted periodically. The forest's
 * raw score is calibrated against the scores of its own training windows, so the 0-100 score means the same as
 * for the single-metric detectors. The explanation names the features furthest from their medians.
 */
public final class MultivariateDetector {

    static final String[] FEATURES = {"volume", "error rate", "p95 duration", "distinct users"};
    private static final int HISTORY = 1024;

    /** One window of one service. */
    public record Observation(String service, Instant start, Instant end, long volume, double errorRate,
                              double p95Millis, long distinctUsers) {
        double[] vector() {
            return new double[] {Math.log1p(volume), errorRate, Math.log1p(Math.max(0, p95Millis)),
                    Math.log1p(distinctUsers)};
        }

        double raw(int feature) {
            return switch (feature) {
                case 0 -> volume;
                case 1 -> errorRate;
                case 2 -> p95Millis;
                default -> distinctUsers;
            };
        }
    }

    private final AnomalyFactory factory;
    private final AnomalyProperties.IsolationForest config;
    private final Map<String, Model> models = new HashMap<>();
    private static final int FLAGGED = 1000;
    private final Map<String, double[]> flagged = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > FLAGGED;
        }
    };

    public MultivariateDetector(AnomalyFactory factory) {
        this.factory = factory;
        this.config = factory.properties().isolationForest();
    }

    public Optional<Anomaly> observe(Observation o, Instant now) {
        AnomalyEntity entity = AnomalyEntity.service(o.service());
        Model m = models.computeIfAbsent(entity.key(), k -> new Model());
        double[] x = o.vector();
        Optional<Anomaly> result = Optional.empty();
        if (m.forest == null && m.size >= config.minWindows() || m.sinceFit >= config.retrainWindows()) {
            m.fit(config.trees());
        }
        if (m.forest != null) {
            double raw = m.forest.score(x);
            UnivariateScorer.Result r = m.calibration.score(Instant.EPOCH, raw);
            double score = r.score();
            // An isolation forest cannot tell "just past the edge of the training data" from "far beyond it" (a
            // split never falls outside the data), so a feature beyond its own normal range also scores here.
            for (int f = 0; f < x.length; f++) {
                score = Math.max(score, m.features[f].score(Instant.EPOCH, x[f]).score());
            }
            if (factory.reportable(score)) {
                result = factory.create(AnomalyKind.MULTIVARIATE, entity, o.start(), o.end(), score, raw, r.low(),
                        r.high(), "", explain(entity, o, m), now);
            }
            result.ifPresent(a -> flagged.put(a.id(), x));
        }
        m.add(x);
        return result;
    }

    /**
     * Feedback: the flagged window's combination is normal; it is weighted into a refit, which happens now. Only
     * anomalies raised since the start (the last {@value #FLAGGED} of them) can be learned: their feature vectors
     * are not persisted.
     */
    public boolean learnNormal(Anomaly a) {
        Model m = models.get(a.entity().key());
        double[] x = flagged.get(a.id());
        if (m == null || x == null) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            m.add(x);
        }
        m.fit(config.trees());
        return true;
    }

    public int seriesCount() {
        return models.size();
    }

    public Map<String, double[][]> snapshot() {
        Map<String, double[][]> out = new HashMap<>();
        models.forEach((k, m) -> out.put(k, m.history()));
        return out;
    }

    public void restore(Map<String, double[][]> snapshot) {
        snapshot.forEach((k, rows) -> {
            Model m = new Model();
            for (double[] r : rows) {
                m.add(r);
            }
            m.sinceFit = 0;
            if (m.size >= config.minWindows()) {
                m.fit(config.trees());
            }
            models.put(k, m);
        });
    }

    private static String explain(AnomalyEntity entity, Observation o, Model m) {
        double[][] h = m.history();
        double[] x = o.vector();
        Integer[] order = {0, 1, 2, 3};
        double[] dev = new double[4];
        double[][] range = new double[4][];
        for (int f = 0; f < 4; f++) {
            double[] col = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                col[i] = h[i][f];
            }
            Arrays.sort(col);
            double med = RobustBaseline.quantileOf(col, 0.5);
            double lo = RobustBaseline.quantileOf(col, 0.05);
            double hi = RobustBaseline.quantileOf(col, 0.95);
            double scale = Math.max(1e-9, (hi - lo) / 3.29);
            dev[f] = Math.abs(x[f] - med) / scale;
            range[f] = new double[] {lo, hi};
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer f) -> -dev[f]));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int f = order[i];
            parts.add("%s %s, expected %s-%s".formatted(FEATURES[f], format(f, o.raw(f)),
                    format(f, back(f, range[f][0])), format(f, back(f, range[f][1]))));
        }
        return "unusual combination for %s: %s".formatted(entity.label(), String.join("; ", parts));
    }

    private static double back(int feature, double v) {
        return feature == 1 ? v : Math.expm1(v);
    }

    private static String format(int feature, double v) {
        return switch (feature) {
            case 1 -> AnomalyFactory.percent(v);
            case 2 -> AnomalyFactory.number(v) + " ms";
            default -> AnomalyFactory.number(v);
        };
    }

    /** A scorer over a fixed sample (no seasonality: all values at one instant). */
    private static UnivariateScorer staticScorer(int size, UnivariateScorer.Direction direction) {
        return new UnivariateScorer(new UnivariateScorer.Config(Math.max(16, size), 8, Integer.MAX_VALUE, false,
                direction, 0.0, 1e-3));
    }

    private static final class Model {
        final double[][] ring = new double[HISTORY][];
        int size;
        int next;
        int sinceFit;
        IsolationForest forest;
        UnivariateScorer calibration;
        UnivariateScorer[] features;

        void add(double[] x) {
            ring[next] = x;
            next = (next + 1) % HISTORY;
            size = Math.min(size + 1, HISTORY);
            sinceFit++;
        }

        double[][] history() {
            double[][] out = new double[size][];
            int start = size < HISTORY ? 0 : next;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(start + i) % HISTORY];
            }
            return out;
        }

        void fit(int trees) {
            double[][] data = history();
            // Subsample so that each tree sees at most 256 windows (as in the isolation forest paper); Smile needs < 1.
            double subsample = Math.min(0.7, 256.0 / data.length);
            // Extended isolation forest (random hyperplanes over all features): scores combinations more smoothly.
            forest = IsolationForest.fit(data, new IsolationForest.Options(trees, 0, subsample, data[0].length - 1));
            calibration = staticScorer(data.length, UnivariateScorer.Direction.UP);
            for (double s : forest.score(data)) {
                calibration.update(Instant.EPOCH, s);
            }
            features = new UnivariateScorer[data[0].length];
            for (int f = 0; f < features.length; f++) {
                features[f] = staticScorer(data.length, UnivariateScorer.Direction.BOTH);
                for (double[] row : data) {
                    features[f].update(Instant.EPOCH, row[f]);
                }
            }
            sinceFit = 0;
        }
    }
}
