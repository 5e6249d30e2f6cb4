package io.logwarden.bench.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabBenchmarkTest {

    static final Instant T0 = Instant.parse("2014-01-01T00:00:00Z");

    @Test
    void counts_windows_found_false_positives_outside_windows_and_the_delay_to_the_first_hit() {
        // 20 points 5 minutes apart; windows over points 5-9 and 14-16
        List<NabBenchmark.Point> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(new NabBenchmark.Point(at(i), i));
        }
        List<NabBenchmark.Window> windows = List.of(new NabBenchmark.Window(at(5), at(9)),
                new NabBenchmark.Window(at(14), at(16)));
        double[] scores = new double[20];
        scores[2] = 55;   // outside: a false positive
        scores[3] = 39.9; // outside, below the threshold
        scores[7] = 80;   // inside the first window, 2 points after its start
        scores[8] = 90;   // a later hit in the same window: neither a second detection nor a false positive
        scores[9] = 40;   // the window's last point (inclusive)
        scores[12] = 40;  // outside, exactly at the threshold: a false positive

        NabBenchmark.FileResult r = NabBenchmark.evaluate("f.csv", points, scores, windows, 40);

        assertThat(r.windows()).isEqualTo(2);
        assertThat(r.detected()).isEqualTo(1);
        assertThat(r.outsidePoints()).isEqualTo(20 - 5 - 3);
        assertThat(r.falsePositives()).isEqualTo(2);
        assertThat(r.delays()).containsExactly(Duration.ofMinutes(10));
        assertThat(r.delayPoints()).containsExactly(2);
    }

    private static Instant at(int i) {
        return T0.plus(Duration.ofMinutes(5L * i));
    }
}
