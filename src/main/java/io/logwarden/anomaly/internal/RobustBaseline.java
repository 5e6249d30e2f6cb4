package io.logwarden.anomaly.internal;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a series (floats: 4 bytes each) and their robust statistics (median, MAD,
 * quantiles). Next to the ring it keeps the same values sorted: adding a value removes the evicted one by binary
 * search and inserts the new one with one array move, so no statistic ever sorts or allocates. Quantiles are read
 * from the sorted array; the MAD walks outwards from the median and is cached until the next add.
 */
final class RobustBaseline {

    /** Scale of the MAD to a normal standard deviation. */
    static final double MAD_TO_SIGMA = 1.4826;

    private final float[] ring;
    private final float[] sorted;
    private int size;
    private int next;
    private long seen;
    private double mad = Double.NaN;

    RobustBaseline(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
        }
        this.ring = new float[capacity];
        this.sorted = new float[capacity];
    }

    void add(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        float v = (float) value;
        if (size == ring.length) {
            remove(ring[next]);
        }
        insert(v);
        ring[next] = v;
        next = (next + 1) % ring.length;
        seen++;
        mad = Double.NaN;
    }

    private void remove(float v) {
        int i = Arrays.binarySearch(sorted, 0, size, v);
        if (i < 0) {
            throw new IllegalStateException("ring and sorted values out of step");
        }
        System.arraycopy(sorted, i + 1, sorted, i, size - i - 1);
        size--;
    }

    private void insert(float v) {
        int i = Arrays.binarySearch(sorted, 0, size, v);
        int at = i >= 0 ? i : -i - 1;
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = v;
        size++;
    }

    int size() {
        return size;
    }

    /** Values ever added, including those that have rolled out. */
    long seen() {
        return seen;
    }

    double median() {
        return quantile(0.5);
    }

    /** Quantile by linear interpolation between order statistics; NaN when empty. */
    double quantile(double q) {
        return size == 0 ? Double.NaN : quantileOf(sorted, size, q);
    }

    /** The k-th smallest value (0-based; negative k counts from the largest: -1 is the maximum). */
    double ordered(int k) {
        return sorted[k >= 0 ? Math.min(k, size - 1) : Math.max(0, size + k)];
    }

    /** Median absolute deviation from the median. */
    double mad() {
        if (size == 0) {
            return Double.NaN;
        }
        if (Double.isNaN(mad)) {
            mad = madOf(sorted, size);
        }
        return mad;
    }

    /** Robust standard deviation: the scaled MAD, or the scaled inter-quantile range when more than half tie. */
    double sigma() {
        return sigmaOf(sorted, size, mad());
    }

    /** The current statistics as a fixed range; sigma floored at {@code floor}. Null when empty. */
    RobustRange range(double floor) {
        return size == 0 ? null : RobustRange.of(sorted, size, floor);
    }

    /** Values oldest first, for persistence. */
    float[] values() {
        float[] out = new float[size];
        int start = size < ring.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }

    static RobustBaseline restore(int capacity, float[] values, long seen) {
        RobustBaseline b = new RobustBaseline(capacity);
        b.load(values, seen);
        return b;
    }

    /** Replaces the content by {@code values} (oldest first; only the newest {@code capacity} are kept). */
    void load(float[] values, long seenBefore) {
        size = 0;
        next = 0;
        seen = 0;
        mad = Double.NaN;
        for (int i = Math.max(0, values.length - ring.length); i < values.length; i++) {
            add(values[i]);
        }
        seen = Math.max(seenBefore, size);
    }

    /** Quantile of the first {@code n} values of an ascending array, by linear interpolation. */
    static double quantileOf(float[] ascending, int n, double q) {
        if (n == 1) {
            return ascending[0];
        }
        double pos = Math.max(0, Math.min(1, q)) * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return ascending[lo] + (pos - lo) * ((double) ascending[hi] - ascending[lo]);
    }

    /**
     * MAD of the first {@code n} values of an ascending array: the deviations from the median, in increasing order,
     * are the merge of the values walked left and right from the median, so the middle one is found in n/2 steps.
     */
    static double madOf(float[] ascending, int n) {
        double m = quantileOf(ascending, n, 0.5);
        int lowRank = (n - 1) / 2;
        int highRank = n / 2;
        int left = upperBound(ascending, n, m) - 1;
        int right = left + 1;
        double low = 0;
        double d = 0;
        for (int rank = 0; rank <= highRank; rank++) {
            double dl = left >= 0 ? m - ascending[left] : Double.POSITIVE_INFINITY;
            double dr = right < n ? ascending[right] - m : Double.POSITIVE_INFINITY;
            if (dl <= dr) {
                d = dl;
                left--;
            } else {
                d = dr;
                right++;
            }
            if (rank == lowRank) {
                low = d;
            }
        }
        return lowRank == highRank ? d : low + 0.5 * (d - low);
    }

    /** Robust sigma from a MAD, or the 10-90 range when more than half the values tie. */
    static double sigmaOf(float[] ascending, int n, double mad) {
        double madSigma = MAD_TO_SIGMA * mad;
        if (madSigma > 0) {
            return madSigma;
        }
        return (quantileOf(ascending, n, 0.9) - quantileOf(ascending, n, 0.1)) / 2.563;
    }

    /** Index of the first value greater than {@code x}. */
    private static int upperBound(float[] ascending, int n, double x) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
