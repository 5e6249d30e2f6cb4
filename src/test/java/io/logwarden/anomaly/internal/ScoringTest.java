package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoringTest {

    @Test
    void maps_z_onto_the_severity_bands() {
        assertThat(Scoring.fromZ(0)).isZero();
        assertThat(Scoring.fromZ(-3)).isZero();
        assertThat(Scoring.fromZ(3)).isLessThan(40);
        assertThat(Scoring.fromZ(5)).isCloseTo(40, within(0.5));
        assertThat(Scoring.fromZ(9.4)).isCloseTo(70, within(0.5));
        assertThat(Scoring.fromZ(Double.POSITIVE_INFINITY)).isEqualTo(100);
    }

    @Test
    void converts_tiny_tail_probabilities_without_underflow() {
        assertThat(Scoring.zOfTail(0.5)).isZero();
        assertThat(Scoring.zOfTail(0.001)).isCloseTo(3.09, within(0.01));
        assertThat(Scoring.zOfLogTail(Math.log(1e-12))).isCloseTo(7.03, within(0.02));
        assertThat(Scoring.zOfLogTail(-5000)).isGreaterThan(90);
        assertThat(Scoring.fromLogTailProbability(-5000)).isGreaterThan(99);
    }

    @Test
    void reaching_an_exceedance_limit_scores_medium_and_more_scores_more() {
        assertThat(Scoring.fromExceedance(1, 40)).isCloseTo(40, within(1e-9));
        assertThat(Scoring.fromExceedance(2, 40)).isGreaterThan(60);
        assertThat(Scoring.fromExceedance(0.5, 40)).isLessThan(40);
    }

    @Test
    void beta_binomial_tail_rates_small_bursts_low_and_large_ones_astronomically_unlikely() {
        double a = 0.001 * 1000;
        double b = 0.999 * 1000;
        double small = BetaBinomial.logUpperTail(2, 3, a, b);
        double large = BetaBinomial.logUpperTail(2000, 3000, a, b);
        assertThat(Scoring.fromLogTailProbability(small)).isLessThan(40);
        assertThat(Scoring.fromLogTailProbability(large)).isGreaterThan(95);
        assertThat(BetaBinomial.logUpperTail(0, 10, a, b)).isZero();
        assertThat(Math.exp(BetaBinomial.logUpperTail(1, 10, 1, 1))).isCloseTo(10.0 / 11, within(1e-9));
    }
}
