package io.logwarden.anomaly.internal;

import smile.stat.distribution.GaussianDistribution;

/**
 * One mapping from "how surprising" to a 0-100 score, shared by every detector so that scores compare across
 * kinds. Surprise is expressed as a one-sided normal z; tail probabilities are converted to z first.
 * With the default constant a z of 5 scores 40 (medium) and a z of about 9.4 scores 70 (high): robust z of
 * 3-4 happens routinely in real operational series and only rates "low".
 */
public final class Scoring {

    /** z at which the score reaches 50. */
    static final double HALF_Z = 6.12;

    private Scoring() {
    }

    /** Score of a one-sided z (negative z scores 0). */
    public static double fromZ(double z) {
        if (!(z > 0)) {
            return 0;
        }
        if (Double.isInfinite(z)) {
            return 100;
        }
        double z2 = z * z;
        return clamp(100 * z2 / (z2 + HALF_Z * HALF_Z));
    }

    /** Score of an upper tail probability {@code p} (the chance of seeing something at least as extreme). */
    public static double fromTailProbability(double p) {
        return fromZ(zOfTail(p));
    }

    /** Score of a natural-log tail probability, for probabilities too small for a double. */
    public static double fromLogTailProbability(double logP) {
        return fromZ(zOfLogTail(logP));
    }

    /** The one-sided normal z whose upper tail is {@code p}. */
    static double zOfTail(double p) {
        if (p >= 0.5) {
            return 0;
        }
        if (p <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return zOfLogTail(Math.log(p));
    }

    static double zOfLogTail(double logP) {
        if (logP >= Math.log(0.5)) {
            return 0;
        }
        if (logP > Math.log(1e-12)) {
            return GaussianDistribution.getInstance().quantile(1 - Math.exp(logP));
        }
        // Asymptotic inverse of the normal tail, accurate to ~1e-3 below 1e-12.
        double t = -2 * logP;
        return Math.sqrt(t - Math.log(2 * Math.PI * t));
    }

    /**
     * Score of a ratio to a limit that is itself already "clearly abnormal" (stuck jobs, silence): reaching the
     * limit scores exactly {@code medium}, twice the limit about halfway to 100, growing towards 100.
     */
    public static double fromExceedance(double ratio, double medium) {
        if (!(ratio > 0)) {
            return 0;
        }
        double keep = 1 - medium / 100.0;
        return clamp(100 * (1 - Math.pow(keep, ratio)));
    }

    static double clamp(double score) {
        return Math.max(0, Math.min(100, score));
    }
}
