package io.logwarden.anomaly.internal;

import java.util.Arrays;

/**
 * The recent values of a series per seasonal bucket (24 hours of the day, or 168 hours of the week): all buckets in
 * one float array (no object per bucket), allocated only once the series has values. Statistics copy and sort one
 * bucket into a per-thread scratch array when asked; they are needed only when a value falls outside the global
 * normal range, when the seasonal profile is in use, or when the profile is chosen (every 64 values), so the common
 * case costs nothing. Values are kept as 4-byte floats: half precision (tried, 2 bytes) merges close values into ties
 * and measurably changed the NAB results (docs/decisions/031).
 */
final class SeasonalBuckets {

    /** Statistics of one bucket, all in the series' own unit. */
    record Stats(int size, double median, double lowTail, double highTail, double secondLowest, double secondHighest,
                 double q05, double q95, double mad, double sigma) {
    }

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[256]);

    private final int buckets;
    private final int capacity;
    private final float[] values;
    private final byte[] sizes;
    private final byte[] next;

    SeasonalBuckets(int buckets, int capacity) {
        if (capacity < 2 || capacity > 127) {
            throw new IllegalArgumentException("bucket capacity must be within 2-127: " + capacity);
        }
        this.buckets = buckets;
        this.capacity = capacity;
        this.values = new float[buckets * capacity];
        this.sizes = new byte[buckets];
        this.next = new byte[buckets];
    }

    int buckets() {
        return buckets;
    }

    int capacity() {
        return capacity;
    }

    void add(int bucket, double value) {
        int n = next[bucket];
        values[bucket * capacity + n] = (float) value;
        next[bucket] = (byte) ((n + 1) % capacity);
        sizes[bucket] = (byte) Math.min(sizes[bucket] + 1, capacity);
    }

    int size(int bucket) {
        return sizes[bucket];
    }

    /** Statistics of the bucket, with tail quantiles at {@code tail} and 1 - {@code tail}; null when empty. */
    Stats stats(int bucket, double tail) {
        int n = sizes[bucket];
        if (n == 0) {
            return null;
        }
        float[] s = SCRATCH.get();
        if (s.length < n) {
            s = new float[n];
            SCRATCH.set(s);
        }
        System.arraycopy(values, bucket * capacity, s, 0, n);
        Arrays.sort(s, 0, n);
        double mad = RobustBaseline.madOf(s, n);
        return new Stats(n, RobustBaseline.quantileOf(s, n, 0.5), RobustBaseline.quantileOf(s, n, tail),
                RobustBaseline.quantileOf(s, n, 1 - tail), s[Math.min(1, n - 1)], s[Math.max(0, n - 2)],
                RobustBaseline.quantileOf(s, n, 0.05), RobustBaseline.quantileOf(s, n, 0.95), mad,
                RobustBaseline.sigmaOf(s, n, mad));
    }

    /** Robust sigma of the bucket; NaN when empty. */
    double sigma(int bucket) {
        Stats s = stats(bucket, 0.5);
        return s == null ? Double.NaN : s.sigma();
    }

    /**
     * The bucket's 10-90 percentile range: unlike the MAD it grows when a minority of the values (say the two weekend
     * days among the last five) sits at another level. NaN when empty.
     */
    double spread(int bucket) {
        Stats s = stats(bucket, 0.1);
        return s == null ? Double.NaN : s.highTail() - s.lowTail();
    }

    /** The encoded state (values, then per bucket its size and next position), for persistence. */
    Packed pack() {
        return new Packed(buckets, capacity, values.clone(), sizes.clone(), next.clone());
    }

    static SeasonalBuckets unpack(Packed p, int buckets, int capacity) {
        SeasonalBuckets b = new SeasonalBuckets(buckets, capacity);
        if (p == null || p.buckets() != buckets || p.values() == null || p.sizes() == null || p.next() == null) {
            return b;
        }
        if (p.capacity() == capacity && p.values().length == buckets * capacity) {
            System.arraycopy(p.values(), 0, b.values, 0, p.values().length);
            System.arraycopy(p.sizes(), 0, b.sizes, 0, buckets);
            System.arraycopy(p.next(), 0, b.next, 0, buckets);
            return b;
        }
        // Another capacity was configured when it was saved: replay each bucket oldest first.
        for (int k = 0; k < buckets; k++) {
            int n = p.sizes()[k];
            int start = n < p.capacity() ? 0 : p.next()[k];
            for (int i = 0; i < n; i++) {
                b.add(k, p.values()[k * p.capacity() + (start + i) % p.capacity()]);
            }
        }
        return b;
    }

    /** Persistable form. */
    record Packed(int buckets, int capacity, float[] values, byte[] sizes, byte[] next) {
    }
}
