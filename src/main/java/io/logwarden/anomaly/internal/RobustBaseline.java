package io.logwarden.anomaly.internal;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a series (kept as floats: 4 bytes each) and their robust statistics (median, MAD, quantiles).
 * Memory is bounded per series; statistics are computed from a sorted copy cached until the next update,
 * so scoring a value and then adding it costs one sort of at most {@code capacity} values.
 */
final class RobustBaseline {

    /** Scale of the MAD to a normal standard deviation. */
    static final double MAD_TO_SIGMA = 1.4826;

    private final float[] ring;
    private int size;
    private int next;
    private long seen;
    private double[] sorted;

    RobustBaseline(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
        }
        this.ring = new float[capacity];
    }

    void add(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        ring[next] = (float) value;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        seen++;
        sorted = null;
    }

    int size() {
        return size;
    }

    /** Values ever added, including those that have rolled out. */
    long seen() {
        return seen;
    }

    int capacity() {
        return ring.length;
    }

    double median() {
        return quantile(0.5);
    }

    /** Quantile by linear interpolation between order statistics; NaN when empty. */
    double quantile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        return quantileOf(sorted(), q);
    }

    /** The k-th smallest value (0-based; negative k counts from the largest: -1 is the maximum). */
    double ordered(int k) {
        double[] s = sorted();
        return s[k >= 0 ? Math.min(k, size - 1) : Math.max(0, size + k)];
    }

    /** Median absolute deviation from the median. */
    double mad() {
        if (size == 0) {
            return Double.NaN;
        }
        double[] s = sorted();
        double m = quantileOf(s, 0.5);
        double[] dev = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            dev[i] = Math.abs(s[i] - m);
        }
        Arrays.sort(dev);
        return quantileOf(dev, 0.5);
    }

    /** Robust standard deviation: the scaled MAD, or the scaled inter-quantile range when more than half tie. */
    double sigma() {
        double madSigma = MAD_TO_SIGMA * mad();
        if (madSigma > 0) {
            return madSigma;
        }
        // More than half the values are equal (flat series with rare steps): fall back to the 10-90 range.
        return (quantile(0.9) - quantile(0.1)) / 2.563;
    }

    /** Values oldest first, for persistence. */
    double[] values() {
        double[] out = new double[size];
        int start = size < ring.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }

    static RobustBaseline restore(int capacity, double[] values, long seen) {
        RobustBaseline b = new RobustBaseline(capacity);
        b.load(values, seen);
        return b;
    }

    /** Replaces the content by {@code values} (oldest first; only the newest {@code capacity} are kept). */
    void load(double[] values, long seenBefore) {
        size = 0;
        next = 0;
        seen = 0;
        sorted = null;
        for (int i = Math.max(0, values.length - ring.length); i < values.length; i++) {
            add(values[i]);
        }
        seen = Math.max(seenBefore, size);
    }

    private double[] sorted() {
        if (sorted == null) {
            sorted = new double[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = ring[i];
            }
            Arrays.sort(sorted);
        }
        return sorted;
    }

    static double quantileOf(double[] sortedValues, double q) {
        int n = sortedValues.length;
        if (n == 1) {
            return sortedValues[0];
        }
        double pos = Math.max(0, Math.min(1, q)) * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sortedValues[lo] + (pos - lo) * (sortedValues[hi] - sortedValues[lo]);
    }
}
