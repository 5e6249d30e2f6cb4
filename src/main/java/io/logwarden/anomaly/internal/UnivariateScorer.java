package io.logwarden.anomaly.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Robust streaming scorer of one univariate series: median/MAD baselines over the recent values, globally and per
 * hour of day (and per hour of week once the series shows a weekly pattern), the seasonal profile used only once
 * history covers enough days and it explains the series better than the global one. Scores are
 * {@link Scoring#fromZ robust z} mapped to 0-100. Values are added unclipped: median and MAD tolerate isolated spikes,
 * while a lasting level shift becomes the new normal after about half the capacity, so a changed regime stops
 * alerting instead of alerting forever. See docs/decisions/031.
 */
public final class UnivariateScorer {

    /** Which deviations count. */
    public enum Direction { UP, DOWN, BOTH }

    /** Seasonal profiles a series may use. */
    public enum Seasonality {
        /** Global baseline only (a fixed sample, e.g. calibration scores). */
        NONE,
        /** Hour of day. */
        DAILY,
        /** Hour of day, and hour of week once daily levels show a weekly pattern. */
        WEEKLY
    }

    /**
     * @param capacity        recent values kept for the global baseline
     * @param minHistory      values needed before anything is scored
     * @param seasonalMinDays days of history before hour-of-day seasonality may be chosen
     * @param seasonality     seasonal profiles allowed
     * @param direction       deviations that count
     * @param relativeFloor   smallest sigma as a fraction of |median|: a 1% wobble of a flat series is no anomaly
     * @param absoluteFloor   smallest sigma in the series' own unit
     */
    public record Config(int capacity, int minHistory, int seasonalMinDays, Seasonality seasonality,
                         Direction direction, double relativeFloor, double absoluteFloor) {
        public static Config defaults(Direction direction) {
            return new Config(256, 24, 3, Seasonality.WEEKLY, direction, 0.01, 1e-9);
        }

        /** Values per hour-of-day bucket: about 5 days of 5-minute windows at the default capacity. */
        int hourCapacity() {
            return Math.min(127, Math.max(16, capacity / 4));
        }

        /** Values per hour-of-week bucket: one week of 5-minute windows (only for series with a weekly pattern). */
        int weekCapacity() {
            return Math.min(127, Math.max(12, capacity / 20));
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
    static final double TAIL = 0.005;
    static final double TAIL_Z = 2.326;
    private static final int MIN_BUCKET_VALUES = 6;
    /** A seasonal profile must cut the spread by at least this factor to be used. */
    private static final double SEASONAL_GAIN = 0.75;
    private static final int HOURS_OF_WEEK = 168;

    private final Config config;
    private final RobustBaseline global;
    private SeasonalBuckets hourOfDay;
    private SeasonalBuckets hourOfWeek;
    private final DailyLevels levels;
    private Instant first;
    private Instant last;
    private int sinceChoice = RECHOOSE_EVERY;
    private SeasonalBuckets chosen;

    public UnivariateScorer(Config config) {
        this.config = config;
        this.global = new RobustBaseline(config.capacity());
        this.levels = config.seasonality() == Seasonality.WEEKLY ? new DailyLevels() : null;
    }

    public Config config() {
        return config;
    }

    /** Scores {@code value} at {@code at} without learning it. */
    public Result score(Instant at, double value) {
        if (global.size() < config.minHistory() || !Double.isFinite(value)) {
            return Result.warmingUp();
        }
        SeasonalBuckets profile = profile();
        SeasonalBuckets.Stats bucket = null;
        if (profile != null) {
            SeasonalBuckets.Stats s = profile.stats(bucketOf(at, profile.buckets()), TAIL);
            if (s != null && s.size() >= MIN_BUCKET_VALUES) {
                bucket = s;
            }
        }
        double median;
        double lo;
        double hi;
        double sigma;
        if (bucket == null) {
            median = global.median();
            lo = global.quantile(TAIL);
            hi = global.quantile(1 - TAIL);
            if (value >= lo && value <= hi) {
                // Inside the normal range z stays below TAIL_Z (score < 13): no spread needed.
                double z = signedZ(value, median, lo, hi, Double.NaN);
                return new Result(Scoring.fromZ(oneSided(z)), z, median, global.quantile(0.05),
                        global.quantile(0.95), "global");
            }
            // No seasonal profile chosen, but what recurs at this hour of the day (a nightly batch peak) is normal.
            SeasonalBuckets.Stats hour = hourOfDay == null ? null : hourOfDay.stats(bucketOf(at, 24), TAIL);
            if (hour != null && hour.size() >= MIN_BUCKET_VALUES) {
                // Only what happened at least twice at this hour: one past spike must not excuse the next.
                lo = Math.min(lo, Math.max(hour.lowTail(), hour.secondLowest()));
                hi = Math.max(hi, Math.min(hour.highTail(), hour.secondHighest()));
            }
            sigma = spread(global.mad(), lo, hi, median);
        } else {
            median = bucket.median();
            lo = bucket.lowTail();
            hi = bucket.highTail();
            sigma = Math.max(spread(bucket.mad(), lo, hi, median),
                    // A bucket sees few values: never trust it to be much tighter than the whole series.
                    0.2 * spread(global.mad(), global.quantile(TAIL), global.quantile(1 - TAIL), median));
        }
        // Few values give unreliable tails: widen the scale while history is short.
        sigma *= 1 + SMALL_SAMPLE / global.size();
        double z = signedZ(value, median, lo, hi, sigma);
        return bucket == null
                ? new Result(Scoring.fromZ(oneSided(z)), z, median, global.quantile(0.05), global.quantile(0.95),
                "global")
                : new Result(Scoring.fromZ(oneSided(z)), z, median, bucket.q05(), bucket.q95(),
                profile == hourOfDay ? "hour-of-day" : "hour-of-week");
    }

    private double oneSided(double z) {
        return switch (config.direction()) {
            case UP -> z;
            case DOWN -> -z;
            case BOTH -> Math.abs(z);
        };
    }

    static double signedZ(double x, double median, double lo, double hi, double sigma) {
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
    private double spread(double mad, double lo, double hi, double median) {
        double madSigma = RobustBaseline.MAD_TO_SIGMA * mad;
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
        if (levels != null && last != null && levels.dayChanged(last, at)) {
            levels.add(global.median());
            if (hourOfWeek == null && levels.weeklyPattern(SEASONAL_GAIN, floor(global.median()))) {
                hourOfWeek = new SeasonalBuckets(HOURS_OF_WEEK, config.weekCapacity());
            }
        }
        last = at;
        global.add(value);
        if (config.seasonality() != Seasonality.NONE) {
            if (hourOfDay == null) {
                hourOfDay = new SeasonalBuckets(24, config.hourCapacity());
            }
            hourOfDay.add(bucketOf(at, 24), value);
        }
        if (hourOfWeek != null) {
            hourOfWeek.add(bucketOf(at, HOURS_OF_WEEK), value);
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

    /** Whether the series currently scores against an hour-of-week profile. */
    public boolean usesHourOfWeek() {
        return global.size() >= config.minHistory() && profile() != null && profile() == hourOfWeek;
    }

    private double floor(double median) {
        return Math.max(config.absoluteFloor(), config.relativeFloor() * Math.abs(median));
    }

    private SeasonalBuckets profile() {
        if (sinceChoice >= RECHOOSE_EVERY) {
            sinceChoice = 0;
            chosen = choose();
        }
        return chosen;
    }

    private SeasonalBuckets choose() {
        if (first == null || hourOfDay == null) {
            return null;
        }
        long days = Duration.between(first, last).toDays();
        double globalSigma = global.sigma();
        SeasonalBuckets best = null;
        double bestSigma = globalSigma * SEASONAL_GAIN;
        double daySigma = days >= config.seasonalMinDays() ? meanSigma(hourOfDay) : Double.POSITIVE_INFINITY;
        if (daySigma < bestSigma) {
            best = hourOfDay;
            bestSigma = daySigma;
        }
        if (hourOfWeek != null && days >= Math.max(14, 3L * config.seasonalMinDays())) {
            // Compared by 10-90 range, not MAD: weekend values are a minority of an hour-of-day bucket, which the MAD
            // ignores; and against the hour-of-day profile, as the recent values alone may all be weekdays.
            double week = meanSpread(hourOfWeek);
            if (week < SEASONAL_GAIN * meanSpread(hourOfDay)) {
                best = hourOfWeek;
            }
        }
        return best;
    }

    private static double meanSpread(SeasonalBuckets buckets) {
        double sum = 0;
        int n = 0;
        for (int b = 0; b < buckets.buckets(); b++) {
            if (buckets.size(b) >= MIN_BUCKET_VALUES) {
                sum += buckets.spread(b);
                n++;
            }
        }
        return n >= buckets.buckets() * 3 / 4 ? sum / n : Double.POSITIVE_INFINITY;
    }

    private static double meanSigma(SeasonalBuckets buckets) {
        double sum = 0;
        int n = 0;
        for (int b = 0; b < buckets.buckets(); b++) {
            if (buckets.size(b) >= MIN_BUCKET_VALUES) {
                sum += buckets.sigma(b);
                n++;
            }
        }
        // Seasonality needs most buckets populated, else it is noise.
        return n >= buckets.buckets() * 3 / 4 ? sum / n : Double.POSITIVE_INFINITY;
    }

    static int bucketOf(Instant at, int buckets) {
        long seconds = at.getEpochSecond();
        int hour = (int) Math.floorMod(Math.floorDiv(seconds, 3600L), 24L);
        if (buckets == 24) {
            return hour;
        }
        // 1970-01-01 was a Thursday: day 0 of the epoch is ISO weekday 4 (index 3 from Monday).
        int weekday = (int) Math.floorMod(Math.floorDiv(seconds, 86_400L) + 3, 7L);
        return weekday * 24 + hour;
    }

    /** Writes the persistable state. */
    public void write(DataOutput out) throws IOException {
        BinaryState.writeFloats(out, global.values());
        out.writeLong(global.seen());
        BinaryState.writeBuckets(out, hourOfDay);
        BinaryState.writeBuckets(out, hourOfWeek);
        BinaryState.writeFloats(out, levels == null ? new float[0] : levels.values());
        BinaryState.writeInstant(out, first);
        BinaryState.writeInstant(out, last);
    }

    /** Reads state written by {@link #write}. */
    public static UnivariateScorer read(Config config, DataInput in) throws IOException {
        UnivariateScorer u = new UnivariateScorer(config);
        float[] values = BinaryState.readFloats(in);
        u.global.load(values, in.readLong());
        SeasonalBuckets.Packed hours = BinaryState.readBuckets(in);
        SeasonalBuckets.Packed weeks = BinaryState.readBuckets(in);
        if (hours != null && config.seasonality() != Seasonality.NONE) {
            u.hourOfDay = SeasonalBuckets.unpack(hours, 24, config.hourCapacity());
        }
        if (weeks != null && config.seasonality() == Seasonality.WEEKLY) {
            u.hourOfWeek = SeasonalBuckets.unpack(weeks, HOURS_OF_WEEK, config.weekCapacity());
        }
        float[] daily = BinaryState.readFloats(in);
        if (u.levels != null) {
            u.levels.load(daily);
        }
        u.first = BinaryState.readInstant(in);
        u.last = BinaryState.readInstant(in);
        return u;
    }
}
