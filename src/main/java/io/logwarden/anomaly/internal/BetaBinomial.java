package io.logwarden.anomaly.internal;

import smile.math.special.Gamma;

/**
 * Upper tail of the beta-binomial distribution: the chance of at least {@code k} errors in {@code n} events when the
 * error rate itself varies between windows as Beta(a, b). Overdispersion makes it far less alarmed than a binomial by
 * a burst in a tiny window, while thousands of errors stay astronomically unlikely.
 */
final class BetaBinomial {

    private BetaBinomial() {
    }

    /** Natural log of P(X >= k) for X ~ BetaBinomial(n, a, b). */
    static double logUpperTail(long k, long n, double a, double b) {
        if (k <= 0) {
            return 0;
        }
        if (k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double mean = n * a / (a + b);
        if (k <= mean) {
            // Below the mean the tail is large; sum the complement instead to stay exact and cheap.
            double lower = logSum(0, k - 1, n, a, b, false);
            return Math.log1p(-Math.min(1, Math.exp(lower)));
        }
        return logSum(k, n, n, a, b, true);
    }

    /** log of the sum of pmf(i) over [from, to], walking away from the mode so terms shrink and the sum can stop. */
    private static double logSum(long from, long to, long n, double a, double b, boolean upward) {
        double logBeta = logBeta(a, b);
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long start = upward ? from : to;
        long step = upward ? 1 : -1;
        for (long i = start; upward ? i <= to : i >= from; i += step) {
            double t = logPmf(i, n, a, b, logBeta);
            if (t > max) {
                sum = sum * Math.exp(max - t) + 1;
                max = t;
            } else {
                sum += Math.exp(t - max);
            }
            if (t - max < -40) {
                break;
            }
        }
        return max + Math.log(sum);
    }

    private static double logPmf(long k, long n, double a, double b, double logBetaAB) {
        double logChoose = Gamma.lgamma(n + 1.0) - Gamma.lgamma(k + 1.0) - Gamma.lgamma(n - k + 1.0);
        return logChoose + logBeta(k + a, n - k + b) - logBetaAB;
    }

    private static double logBeta(double a, double b) {
        return Gamma.lgamma(a) + Gamma.lgamma(b) - Gamma.lgamma(a + b);
    }
}
