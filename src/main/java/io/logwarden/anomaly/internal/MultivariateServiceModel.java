package io.logwarden.anomaly.internal;

import java.util.Arrays;

/**
 * One service: its recent feature windows, their robust statistics and whitening (so that its usual windows form
 * a round cloud around the origin, whatever their scales and correlations), and its calibrations of the distance
 * from that cloud and of the shared forest's score.
 */
final class MultivariateServiceModel {

    /**
     * Smallest scale of each feature's robust z: 5% of volume, p95 and users; for the error rate (asin sqrt) its
     * binomial noise at the service's usual volume, 1 / (2 sqrt(n)), is used when larger.
     */
    private static final double[] SCALE_FLOOR = {0.05, 0.01, 0.05, 0.05};
    private static final double Z_CLIP = 10;
    private static final int D = MultivariateDetector.FEATURES.length;
    private static final int HISTORY = MultivariateDetector.HISTORY;

    private final short[] ring = new short[HISTORY * D];
    int size;
    private int next;
    int sinceStats;
    RobustRange[] stats;
    private double[] scale;
    /** Lower-triangular Cholesky factor of the robust correlation of the standardised features. */
    private double[][] cholesky;
    final RobustBaseline calibration = new RobustBaseline(MultivariateDetector.CALIBRATION);
    final RobustBaseline distances = new RobustBaseline(MultivariateDetector.CALIBRATION);

    MultivariateServiceModel(int offset) {
        this.sinceStats = offset;
    }

    void add(double[] x) {
        for (int f = 0; f < x.length; f++) {
            ring[next * D + f] = Float.floatToFloat16((float) x[f]);
        }
        next = (next + 1) % HISTORY;
        size = Math.min(size + 1, HISTORY);
    }

    /** The i-th window, oldest first. */
    double[] row(int i) {
        int at = (size < HISTORY ? i : (next + i) % HISTORY) * D;
        double[] out = new double[D];
        for (int f = 0; f < out.length; f++) {
            out[f] = Float.float16ToFloat(ring[at + f]);
        }
        return out;
    }

    void refreshStats() {
        sinceStats = 0;
        int d = D;
        RobustRange[] s = new RobustRange[d];
        double[] sc = new double[d];
        float[] col = new float[size];
        double[] floor = SCALE_FLOOR.clone();
        for (int f = 0; f < d; f++) {
            for (int i = 0; i < size; i++) {
                col[i] = Float.float16ToFloat(ring[i * d + f]);
            }
            Arrays.sort(col);
            if (f == 0) {
                double usualVolume = Math.max(1, Math.expm1(RobustBaseline.quantileOf(col, size, 0.5)));
                floor[1] = Math.max(floor[1], 0.5 / Math.sqrt(usualVolume));
            }
            s[f] = RobustRange.of(col, size, floor[f]);
            sc[f] = Math.max(floor[f], RobustBaseline.MAD_TO_SIGMA * RobustBaseline.madOf(col, size));
        }
        stats = s;
        scale = sc;
        // Robust correlation: covariance of the standardised windows, each clipped at 3, plus a ridge.
        double[][] cov = new double[d][d];
        double[] z = new double[d];
        for (int i = 0; i < size; i++) {
            double[] x = row(i);
            for (int f = 0; f < d; f++) {
                z[f] = Math.max(-3, Math.min(3, (x[f] - s[f].median()) / sc[f]));
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += z[a] * z[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a][b] /= size;
                cov[b][a] = cov[a][b];
            }
            // A (near) constant feature gets a small variance of its own; the ridge keeps the matrix invertible.
            cov[a][a] = Math.max(cov[a][a], 0.1) + 0.05;
        }
        cholesky = cholesky(cov);
    }

    /** Robust z of each feature against this service's own windows, clipped. */
    double[] standardize(double[] x) {
        double[] z = new double[x.length];
        for (int f = 0; f < x.length; f++) {
            z[f] = Math.max(-Z_CLIP, Math.min(Z_CLIP, (x[f] - stats[f].median()) / scale[f]));
        }
        return z;
    }

    /** Removes the usual correlations: solves L w = z. */
    double[] whiten(double[] z) {
        double[] w = new double[z.length];
        for (int a = 0; a < z.length; a++) {
            double sum = z[a];
            for (int b = 0; b < a; b++) {
                sum -= cholesky[a][b] * w[b];
            }
            w[a] = sum / cholesky[a][a];
        }
        return w;
    }

    static double[][] cholesky(double[][] m) {
        int n = m.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = m[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-6)) : sum / l[j][j];
            }
        }
        return l;
    }
}
