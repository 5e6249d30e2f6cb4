package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.AnomalyProperties;
import java.time.Duration;
import java.time.Instant;

/** Shared clock and factory for the detector unit tests. */
final class DetectorTestData {

    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(5);

    private DetectorTestData() {
    }

    static AnomalyFactory factory() {
        return new AnomalyFactory(AnomalyProperties.defaults());
    }

    static Instant window(int i) {
        return T0.plus(WINDOW.multipliedBy(i));
    }
}
