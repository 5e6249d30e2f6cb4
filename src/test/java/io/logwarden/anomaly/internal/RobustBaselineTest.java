package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustBaselineTest {

    @Test
    void the_sorted_ring_gives_the_statistics_of_a_full_sort_of_its_last_values() {
        Random random = new Random(21);
        RobustBaseline b = new RobustBaseline(64);
        Deque<Float> last = new ArrayDeque<>();
        for (int i = 0; i < 5000; i++) {
            // ties and spikes included: values on a coarse grid, now and then far out
            double v = random.nextInt(10) == 0 ? 1000 * random.nextDouble() : Math.round(random.nextGaussian() * 4) / 2.0;
            b.add(v);
            last.addLast((float) v);
            if (last.size() > 64) {
                last.removeFirst();
            }
            if (i % 97 == 50) {
                float[] sorted = new float[last.size()];
                int k = 0;
                for (float f : last) {
                    sorted[k++] = f;
                }
                Arrays.sort(sorted);
                assertThat(b.size()).isEqualTo(sorted.length);
                assertThat(b.median()).isEqualTo(naiveQuantile(sorted, 0.5));
                assertThat(b.quantile(0.005)).isEqualTo(naiveQuantile(sorted, 0.005));
                assertThat(b.quantile(0.95)).isEqualTo(naiveQuantile(sorted, 0.95));
                assertThat(b.ordered(1)).isEqualTo(sorted[1]);
                assertThat(b.ordered(-2)).isEqualTo(sorted[sorted.length - 2]);
                assertThat(b.mad()).isEqualTo(naiveMad(sorted));
            }
        }
        assertThat(b.seen()).isEqualTo(5000);
    }

    @Test
    void values_round_trip_oldest_first() {
        RobustBaseline b = new RobustBaseline(4);
        for (int i = 1; i <= 6; i++) {
            b.add(i);
        }
        assertThat(b.values()).containsExactly(3f, 4f, 5f, 6f);
        RobustBaseline restored = RobustBaseline.restore(4, b.values(), b.seen());
        assertThat(restored.values()).containsExactly(3f, 4f, 5f, 6f);
        assertThat(restored.median()).isEqualTo(4.5);
        assertThat(restored.seen()).isEqualTo(6);
    }

    @Test
    void non_finite_values_are_ignored() {
        RobustBaseline b = new RobustBaseline(4);
        b.add(Double.NaN);
        b.add(Double.POSITIVE_INFINITY);
        b.add(2);
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.median()).isEqualTo(2);
    }

    private static double naiveQuantile(float[] sorted, double q) {
        double[] d = new double[sorted.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = sorted[i];
        }
        return quantile(d, q);
    }

    private static double quantile(double[] s, double q) {
        if (s.length == 1) {
            return s[0];
        }
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double naiveMad(float[] sorted) {
        double m = naiveQuantile(sorted, 0.5);
        double[] dev = new double[sorted.length];
        for (int i = 0; i < dev.length; i++) {
            dev[i] = Math.abs(sorted[i] - m);
        }
        Arrays.sort(dev);
        return quantile(dev, 0.5);
    }
}
