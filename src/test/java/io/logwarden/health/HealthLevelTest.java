package io.logwarden.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthLevelTest {

    @Test
    void thresholds_are_inclusive_and_unhealthy_wins() {
        assertThat(HealthLevel.of(4.99, 5, 25)).isEqualTo(HealthLevel.HEALTHY);
        assertThat(HealthLevel.of(5, 5, 25)).isEqualTo(HealthLevel.DEGRADED);
        assertThat(HealthLevel.of(25, 5, 25)).isEqualTo(HealthLevel.UNHEALTHY);
        assertThat(HealthLevel.DEGRADED.worst(HealthLevel.HEALTHY)).isEqualTo(HealthLevel.DEGRADED);
        assertThat(HealthLevel.DEGRADED.worst(HealthLevel.UNHEALTHY)).isEqualTo(HealthLevel.UNHEALTHY);
    }
}
