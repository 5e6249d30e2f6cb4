package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyProperties;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import smile.anomaly.IsolationForest;

/**
 * Unusual combinations of per-window features of a service (volume, error rate, p95 duration, distinct users). Each
 * service's features are standardised against its own recent windows (robust z); one Smile extended isolation forest,
 * shared by all services, is fitted on a sample of those standardised windows and refitted periodically, so memory
 * and fitting cost do not grow with a forest per service. Each service calibrates the forest's raw score against the
 * raw scores of its own recent windows, so the 0-100 score means the same as for the single-metric detectors.
 * Volume and distinct users, which no other detector watches, also score on their own when far outside their normal
 * range (a forest cannot tell "just past the edge of the training data" from "far beyond it").
 * The explanation names the features furthest from their medians. See docs/decisions/033.
 */
public final class MultivariateDetector {

    static final String[] FEATURES = {"volume", "error rate", "p95 duration", "distinct users"};
    /** Windows of features kept per service (one day of 5-minute windows), as half-precision floats. */
    static final int HISTORY = 288;
    /** A service's feature statistics are refreshed every this many windows (staggered across services). */
    static final int STATS_EVERY = 32;
    /** Raw forest scores of its recent windows a service calibrates against. */
    static final int CALIBRATION = 128;
    private static final int MIN_CALIBRATION = 16;
    /**
     * Smallest spread of a service's calibration: forest scores of usual windows differ by a few hundredths, so a
     * service whose windows all score alike must not turn a difference in the third decimal into an anomaly.
     */
    private static final double CALIBRATION_FLOOR = 0.01;
    /** Recent windows scored to start a calibration. */
    private static final int SEED = 32;
    /** Windows sampled from all services to fit the shared forest. */
    static final int POOL = 4096;
    private static final int FEEDBACK_COPIES = 8;

    /** One window of one service. */
    public record Observation(String service, Instant start, Instant end, long volume, double errorRate,
                              double p95Millis, long distinctUsers) {
        /**
         * The features as modelled: logs of the counts and the p95, and the error rate variance-stabilised
         * (asin of its square root: binomial noise then has about the same spread whatever the rate).
         */
        double[] vector() {
            return new double[] {Math.log1p(volume), Math.asin(Math.sqrt(Math.max(0, Math.min(1, errorRate)))),
                    Math.log1p(Math.max(0, p95Millis)), Math.log1p(distinctUsers)};
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
    private final SeriesMap<MultivariateServiceModel> models;
    private final Random random = new Random(7);
    private IsolationForest forest;
    private int windowsSinceFit;
    private int eligibleAtFit;
    private boolean refitRequested;

    public MultivariateDetector(AnomalyFactory factory) {
        this.factory = factory;
        this.config = factory.properties().isolationForest();
        this.models = new SeriesMap<>(factory.properties().maxSeriesPerKind());
    }

    public Optional<Anomaly> observe(Observation o, Instant now) {
        AnomalyEntity entity = AnomalyEntity.service(o.service());
        String key = entity.key();
        MultivariateServiceModel m = models.getOrCreate(key,
                k -> new MultivariateServiceModel(Math.floorMod(k.hashCode(), STATS_EVERY)));
        if (m == null) {
            return Optional.empty();
        }
        models.touched(key);
        double[] x = o.vector();
        Optional<Anomaly> result = Optional.empty();
        if (m.stats != null && m.size >= config.minWindows()) {
            double[] w = m.whiten(m.standardize(x));
            double distance = norm(w);
            if (m.distances.size() < MIN_CALIBRATION) {
                seedDistances(m);
            }
            // How far the window lies from the service's usual cloud, against its own recent windows.
            double score = Scoring.fromZ(m.distances.range(1e-3).z(distance));
            m.distances.add(distance);
            double raw = Double.NaN;
            if (forest != null) {
                raw = forest.score(w);
                if (m.calibration.size() < MIN_CALIBRATION) {
                    seedCalibration(m);
                }
                score = Math.max(score, Scoring.fromZ(m.calibration.range(CALIBRATION_FLOOR).z(raw)));
                m.calibration.add(raw);
            }
            if (factory.reportable(score)) {
                Map<String, Double> evidence = new HashMap<>();
                for (int f = 0; f < x.length; f++) {
                    evidence.put("f" + f, x[f]);
                }
                RobustRange cal = m.calibration.size() == 0 ? null : m.calibration.range(CALIBRATION_FLOOR);
                result = factory.create(AnomalyKind.MULTIVARIATE, entity, o.start(), o.end(), score,
                        Double.isNaN(raw) ? distance : raw, cal == null ? Double.NaN : cal.q05(),
                        cal == null ? Double.NaN : cal.q95(), "", explain(entity, o, m), now)
                        .map(a -> a.withEvidence(evidence));
            }
        }
        m.add(x);
        if (m.stats == null ? m.size >= 8 : ++m.sinceStats >= STATS_EVERY) {
            m.refreshStats();
        }
        return result;
    }

    /** Called after every window: refits the shared forest when due. */
    public void endWindow() {
        windowsSinceFit++;
        int eligible = eligible();
        boolean due = forest == null ? eligible > 0
                : windowsSinceFit >= config.retrainWindows() || refitRequested || eligible > eligibleAtFit * 3 / 2;
        if (due && eligible > 0) {
            fit(eligible);
        }
    }

    private int eligible() {
        int[] n = {0};
        models.forEach((k, m) -> {
            if (m.stats != null && m.size >= config.minWindows()) {
                n[0]++;
            }
        });
        return n[0];
    }

    private void fit(int eligible) {
        List<double[]> pool = new ArrayList<>();
        int perService = Math.max(1, POOL / eligible);
        models.forEach((k, m) -> {
            if (m.stats == null || m.size < config.minWindows()) {
                return;
            }
            for (int i = 0; i < perService; i++) {
                pool.add(m.whiten(m.standardize(m.row(random.nextInt(m.size)))));
            }
        });
        double[][] data = pool.toArray(double[][]::new);
        // Subsample so that each tree sees at most 256 windows (as in the isolation forest paper); Smile needs < 1.
        double subsample = Math.min(0.7, 256.0 / data.length);
        // Extended isolation forest (random hyperplanes over all features): scores combinations more smoothly.
        forest = IsolationForest.fit(data, new IsolationForest.Options(config.trees(), 0, subsample,
                data[0].length - 1));
        windowsSinceFit = 0;
        eligibleAtFit = eligible;
        refitRequested = false;
        // Raw scores of another forest do not compare with this one's: each service recalibrates on its next window
        // (from its recent windows). Without this a constant service scored its own usual window as anomalous.
        models.forEach((k, m) -> m.calibration.load(new float[0], 0));
    }

    /** A new service's calibration: the raw scores of its most recent windows. */
    private void seedCalibration(MultivariateServiceModel m) {
        for (int i = Math.max(0, m.size - SEED); i < m.size; i++) {
            m.calibration.add(forest.score(m.whiten(m.standardize(m.row(i)))));
        }
    }

    private static void seedDistances(MultivariateServiceModel m) {
        for (int i = Math.max(0, m.size - SEED); i < m.size; i++) {
            m.distances.add(norm(m.whiten(m.standardize(m.row(i)))));
        }
    }

    private static double norm(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /**
     * Feedback: the flagged window's combination is normal for its service. Its features (carried by the anomaly)
     * are added to the service's history with extra weight, its statistics refreshed, and the shared forest refitted
     * after the current window.
     */
    public FeedbackOutcome learnNormal(Anomaly a) {
        MultivariateServiceModel m = models.get(a.entity().key());
        if (m == null) {
            return FeedbackOutcome.notLearned("the service's feature history is no longer kept");
        }
        double[] x = new double[FEATURES.length];
        for (int f = 0; f < x.length; f++) {
            Double v = a.evidence().get("f" + f);
            if (v == null) {
                return FeedbackOutcome.notLearned("the anomaly does not carry its window's features");
            }
            x[f] = v;
        }
        for (int i = 0; i < FEEDBACK_COPIES; i++) {
            m.add(x);
        }
        m.refreshStats();
        double[] w = m.whiten(m.standardize(x));
        for (int i = 0; i < FEEDBACK_COPIES; i++) {
            m.distances.add(norm(w));
            if (forest != null) {
                m.calibration.add(forest.score(w));
            }
        }
        refitRequested = true;
        models.touched(a.entity().key());
        return FeedbackOutcome.LEARNED;
    }

    public int seriesCount() {
        return models.size();
    }

    SeriesMap<MultivariateServiceModel> series() {
        return models;
    }

    /** After restoring every service: fit the shared forest (it is not persisted). */
    void afterRestore() {
        int eligible = eligible();
        if (eligible > 0) {
            fit(eligible);
        }
    }

    void write(MultivariateServiceModel m, DataOutput out) throws IOException {
        int rows = m.size;
        out.writeInt(rows);
        for (int i = 0; i < rows; i++) {
            double[] r = m.row(i);
            for (double v : r) {
                out.writeShort(Float.floatToFloat16((float) v));
            }
        }
        BinaryState.writeFloats(out, m.calibration.values());
        BinaryState.writeFloats(out, m.distances.values());
    }

    MultivariateServiceModel read(String key, DataInput in) throws IOException {
        MultivariateServiceModel m = new MultivariateServiceModel(Math.floorMod(key.hashCode(), STATS_EVERY));
        int rows = in.readInt();
        if (rows < 0 || rows > 1 << 20) {
            throw new IOException("corrupt multivariate state: " + rows + " rows");
        }
        double[] x = new double[FEATURES.length];
        for (int i = 0; i < rows; i++) {
            for (int f = 0; f < x.length; f++) {
                x[f] = Float.float16ToFloat(in.readShort());
            }
            m.add(x);
        }
        float[] cal = BinaryState.readFloats(in);
        m.calibration.load(cal, cal.length);
        float[] distances = BinaryState.readFloats(in);
        m.distances.load(distances, distances.length);
        if (m.size >= 8) {
            m.refreshStats();
        }
        return m;
    }

    private static String explain(AnomalyEntity entity, Observation o, MultivariateServiceModel m) {
        double[] x = o.vector();
        Integer[] order = {0, 1, 2, 3};
        double[] z = m.standardize(x);
        double[] dev = new double[4];
        for (int f = 0; f < 4; f++) {
            dev[f] = Math.abs(z[f]);
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer f) -> -dev[f]));
        List<String> parts = new ArrayList<>();
        boolean eachUsual = true;
        for (int i = 0; i < 2; i++) {
            int f = order[i];
            parts.add("%s %s, expected %s-%s".formatted(FEATURES[f], format(f, o.raw(f)),
                    format(f, back(f, m.stats[f].q05())), format(f, back(f, m.stats[f].q95()))));
            eachUsual &= x[f] >= m.stats[f].q05() && x[f] <= m.stats[f].q95();
        }
        return "unusual combination for %s: %s%s".formatted(entity.label(), String.join("; ", parts),
                eachUsual ? " (each usual on its own, not together)" : "");
    }

    private static double back(int feature, double v) {
        return feature == 1 ? Math.pow(Math.sin(Math.max(0, v)), 2) : Math.expm1(v);
    }

    private static String format(int feature, double v) {
        return switch (feature) {
            case 1 -> AnomalyFactory.percent(v);
            case 2 -> AnomalyFactory.number(v) + " ms";
            default -> AnomalyFactory.number(Math.round(v));
        };
    }
}
