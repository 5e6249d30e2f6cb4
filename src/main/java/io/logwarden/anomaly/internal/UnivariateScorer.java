package io.logwarden.anomaly.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Robust streaming scorer of one univariate series: median/MAD baselines over the recent values, globally and
 * per hour of day (and hour of week when enabled), the seasonal profile used only once history covers enough days
 * and it explains the series better than the global one. Scores are {@link Scoring#fromZ robust z} mapped to 0-100.
 * Values are added unclipped: median and MAD tolerate isolated spikes, while a lasting level shift becomes the new
 * normal after about half the capacity, so a changed regime stops alerting instead of alerting forever.
 */
public final class UnivariateScorer {

    /** Which deviations count. */
    public enum Direction { UP, DOWN, BOTH }

    /**
     * @param capacity        recent values kept for the global baseline
     * @param minHistory      values needed before anything is scored
     * @param seasonalMinDays days of history before hour-of-day seasonality may be chosen
     * @param hourOfWeek      also consider hour-of-week seasonality (needs two weeks and memory per series)
     * @param direction       deviations that count
     * @param relativeFloor   smallest sigma as a fraction of |median|: a 1% wobble of a flat series is no anomaly
     * @param absoluteFloor   smallest sigma in the series' own unit
     */
    public record Config(int capacity, int minHistory, int seasonalMinDays, boolean hourOfWeek, Direction direction,
                         double relativeFloor, double absoluteFloor) {
        public static Config defaults(Direction direction) {
            return new Config(256, 24, 3, false, direction, 0.01, 1e-9);
        }

        public Config withDirection(Direction d) {
            return new Config(capacity, minHistory, seasonalMinDays, hourOfWeek, d, relativeFloor, absoluteFloor);
        }
    }

    /**
     * Outcome of scoring one value.
     *
     * @param score    0-100 (0 while warming up)
     * @param z        signed robust z (NaN while warming up)
     * @param expected median of the baseline used
     * @param low      5th percentile of that baseline
     * @param high     95th percentile of that baseline
     * @param profile  "global", "hour-of-day" or "hour-of-week"
     */
    public record Result(double score, double z, double expected, double low, double high, String profile) {
        static Result warmingUp() {
            return new Result(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "warm-up");
        }

        public boolean warm() {
            return !Double.isNaN(z);
        }
    }

    private static final int RECHOOSE_EVERY = 64;
    /** Sigma is widened by a factor 1 + SMALL_SAMPLE / values seen, as tails from few values are unreliable. */
    private static final double SMALL_SAMPLE = 8;
    /**
     * Tail quantile bounding the normal range, and the z it is read as. TAIL_Z is deliberately the z of a 1% (not
     * 0.5%) tail: it gives a wider sigma, as operational series have heavier tails than a normal. See ADR 031.
     */
    private static final double TAIL = 0.005;
    private static final double TAIL_Z = 2.326;
    private static final int MIN_BUCKET_VALUES = 6;
    /** A seasonal profile must cut the spread by at least this factor to be used. */
    private static final double SEASONAL_GAIN = 0.75;

    private final Config config;
    private final RobustBaseline global;
    private final RobustBaseline[] hourOfDay = new RobustBaseline[24];
    private final RobustBaseline[] hourOfWeek;
    private Instant first;
    private Instant last;
    private int sinceChoice = RECHOOSE_EVERY;
    private RobustBaseline[] chosen;

    public UnivariateScorer(Config config) {
        this.config = config;
        this.global = new RobustBaseline(config.capacity());
        this.hourOfWeek = config.hourOfWeek() ? new RobustBaseline[168] : null;
    }

    public Config config() {
        return config;
    }

    /** Values seen so far. */
    public long seen() {
        return global.seen();
    }

    /** Scores {@code value} at {@code at} without learning it. */
    public Result score(Instant at, double value) {
        if (global.size() < config.minHistory() || !Double.isFinite(value)) {
            return Result.warmingUp();
        }
        RobustBaseline[] profile = profile();
        RobustBaseline base = global;
        String name = "global";
        if (profile != null) {
            RobustBaseline bucket = profile[bucketOf(at, profile.length)];
            if (bucket != null && bucket.size() >= MIN_BUCKET_VALUES) {
                base = bucket;
                name = profile.length == 24 ? "hour-of-day" : "hour-of-week";
            }
        }
        double median = base.median();
        double lo = base.quantile(TAIL);
        double hi = base.quantile(1 - TAIL);
        if (base == global) {
            // No seasonal profile chosen, but what recurs at this hour of the day (a nightly batch peak) is normal.
            RobustBaseline hour = hourOfDay[bucketOf(at, 24)];
            if (hour != null && hour.size() >= MIN_BUCKET_VALUES) {
                // Only what happened at least twice at this hour: one past spike must not excuse the next.
                lo = Math.min(lo, Math.max(hour.quantile(TAIL), hour.ordered(1)));
                hi = Math.max(hi, Math.min(hour.quantile(1 - TAIL), hour.ordered(-2)));
            }
        }
        double sigma = spread(base, lo, hi, median);
        if (base != global) {
            // A bucket sees few values: never trust it to be much tighter than the whole series.
            sigma = Math.max(sigma, 0.2 * spread(global, global.quantile(TAIL), global.quantile(1 - TAIL), median));
        }
        // Few values give unreliable tails: widen the scale while history is short.
        sigma *= 1 + SMALL_SAMPLE / global.size();
        double z = signedZ(value, median, lo, hi, sigma);
        return new Result(Scoring.fromZ(oneSided(z)), z, median, base.quantile(0.05), base.quantile(0.95), name);
    }

    private double oneSided(double z) {
        return switch (config.direction()) {
            case UP -> z;
            case DOWN -> -z;
            case BOTH -> Math.abs(z);
        };
    }

    private static double signedZ(double x, double median, double lo, double hi, double sigma) {
        double up = tailZ(x, median, hi, sigma);
        double down = tailZ(-x, -median, -lo, sigma);
        return up >= down ? up : -down;
    }

    /**
     * Robust z of {@code x} above the normal range: within [median, hi] it grows linearly to {@link #TAIL_Z}, beyond
     * {@code hi} by one per {@code sigma}. Measuring from the tail quantile rather than the median keeps bimodal
     * and skewed series (on/off load, daily peaks) from alerting on their own second mode.
     */
    private static double tailZ(double x, double median, double hi, double sigma) {
        if (x <= median) {
            return 0;
        }
        if (x <= hi) {
            return hi > median ? TAIL_Z * (x - median) / (hi - median) : TAIL_Z;
        }
        return TAIL_Z + (x - hi) / sigma;
    }

    /** Sigma: the larger of the scaled MAD and the tail range read as +-TAIL_Z sigma, floored. */
    private double spread(RobustBaseline base, double lo, double hi, double median) {
        double madSigma = RobustBaseline.MAD_TO_SIGMA * base.mad();
        double rangeSigma = (hi - lo) / (2 * TAIL_Z);
        return Math.max(Math.max(madSigma, rangeSigma), floor(median));
    }

    /** Learns {@code value} at {@code at}. */
    public void update(Instant at, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        if (first == null) {
            first = at;
        }
        last = at;
        global.add(value);
        bucket(hourOfDay, at, Math.max(16, config.capacity() / 4)).add(value);
        if (hourOfWeek != null) {
            bucket(hourOfWeek, at, 8).add(value);
        }
        sinceChoice++;
    }

    public Result scoreAndUpdate(Instant at, double value) {
        Result r = score(at, value);
        update(at, value);
        return r;
    }

    /**
     * Feedback: {@code value} at {@code at} was normal. It is learned with extra weight so that values like it
     * stop scoring as anomalous.
     */
    public void learnNormal(Instant at, double value) {
        int copies = Math.max(2, config.capacity() / 16);
        for (int i = 0; i < copies; i++) {
            update(at, value);
        }
    }

    private double floor(double median) {
        return Math.max(config.absoluteFloor(), config.relativeFloor() * Math.abs(median));
    }

    private RobustBaseline[] profile() {
        if (sinceChoice >= RECHOOSE_EVERY) {
            sinceChoice = 0;
            chosen = choose();
        }
        return chosen;
    }

    private RobustBaseline[] choose() {
        if (first == null) {
            return null;
        }
        long days = Duration.between(first, last).toDays();
        double globalSigma = global.sigma();
        RobustBaseline[] best = null;
        double bestSigma = globalSigma * SEASONAL_GAIN;
        if (days >= config.seasonalMinDays()) {
            double s = meanSigma(hourOfDay);
            if (s < bestSigma) {
                best = hourOfDay;
                bestSigma = s;
            }
        }
        if (hourOfWeek != null && days >= Math.max(14, 3L * config.seasonalMinDays())) {
            double s = meanSigma(hourOfWeek);
            if (s < bestSigma * SEASONAL_GAIN) {
                best = hourOfWeek;
            }
        }
        return best;
    }

    private static double meanSigma(RobustBaseline[] buckets) {
        double sum = 0;
        int n = 0;
        for (RobustBaseline b : buckets) {
            if (b != null && b.size() >= MIN_BUCKET_VALUES) {
                sum += b.sigma();
                n++;
            }
        }
        // Seasonality needs most buckets populated, else it is noise.
        return n >= buckets.length * 3 / 4 ? sum / n : Double.POSITIVE_INFINITY;
    }

    private static RobustBaseline bucket(RobustBaseline[] buckets, Instant at, int capacity) {
        int i = bucketOf(at, buckets.length);
        if (buckets[i] == null) {
            buckets[i] = new RobustBaseline(capacity);
        }
        return buckets[i];
    }

    private static int bucketOf(Instant at, int buckets) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        int hour = t.getHour();
        return buckets == 24 ? hour : (t.getDayOfWeek().getValue() - 1) * 24 + hour;
    }

    /** Persistable state. */
    public Snapshot snapshot() {
        double[][] hod = new double[24][];
        for (int i = 0; i < 24; i++) {
            hod[i] = hourOfDay[i] == null ? new double[0] : hourOfDay[i].values();
        }
        double[][] how = null;
        if (hourOfWeek != null) {
            how = new double[168][];
            for (int i = 0; i < 168; i++) {
                how[i] = hourOfWeek[i] == null ? new double[0] : hourOfWeek[i].values();
            }
        }
        return new Snapshot(global.values(), global.seen(), hod, how, first, last);
    }

    public static UnivariateScorer restore(Config config, Snapshot s) {
        UnivariateScorer u = new UnivariateScorer(config);
        u.restoreInto(s);
        return u;
    }

    private void restoreInto(Snapshot s) {
        global.load(s.global(), s.seen());
        int bucketCapacity = Math.max(16, config.capacity() / 4);
        for (int i = 0; i < 24 && s.hourOfDay() != null && i < s.hourOfDay().length; i++) {
            if (s.hourOfDay()[i].length > 0) {
                hourOfDay[i] = RobustBaseline.restore(bucketCapacity, s.hourOfDay()[i], s.hourOfDay()[i].length);
            }
        }
        if (hourOfWeek != null && s.hourOfWeek() != null) {
            for (int i = 0; i < 168 && i < s.hourOfWeek().length; i++) {
                if (s.hourOfWeek()[i].length > 0) {
                    hourOfWeek[i] = RobustBaseline.restore(8, s.hourOfWeek()[i], s.hourOfWeek()[i].length);
                }
            }
        }
        first = s.first();
        last = s.last();
    }

    /** Persistable state of a scorer: values oldest first. */
    public record Snapshot(double[] global, long seen, double[][] hourOfDay, double[][] hourOfWeek, Instant first,
                           Instant last) {
    }
}
