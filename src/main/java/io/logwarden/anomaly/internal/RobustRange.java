package io.logwarden.anomaly.internal;

/**
 * Fixed robust statistics of a sample (median, tail quantiles, spread), computed once and then used to score many
 * values the way {@link UnivariateScorer} does, without keeping the sample.
 */
record RobustRange(double median, double lo, double hi, double q05, double q95, double sigma) {

    /** From the first {@code n} values of an ascending array; sigma floored at {@code floor}. */
    static RobustRange of(float[] ascending, int n, double floor) {
        double median = RobustBaseline.quantileOf(ascending, n, 0.5);
        double lo = RobustBaseline.quantileOf(ascending, n, UnivariateScorer.TAIL);
        double hi = RobustBaseline.quantileOf(ascending, n, 1 - UnivariateScorer.TAIL);
        double mad = RobustBaseline.madOf(ascending, n);
        double sigma = Math.max(Math.max(RobustBaseline.MAD_TO_SIGMA * mad, (hi - lo) / (2 * UnivariateScorer.TAIL_Z)),
                floor);
        // Few values give unreliable tails: widen the scale while the sample is small (as UnivariateScorer does).
        sigma *= 1 + 8.0 / n;
        return new RobustRange(median, lo, hi, RobustBaseline.quantileOf(ascending, n, 0.05),
                RobustBaseline.quantileOf(ascending, n, 0.95), sigma);
    }

    /** Signed robust z of {@code x}: positive above the normal range, negative below. */
    double z(double x) {
        return UnivariateScorer.signedZ(x, median, lo, hi, sigma);
    }
}
