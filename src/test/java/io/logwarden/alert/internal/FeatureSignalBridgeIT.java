package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.Severity;
import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyDetectedEvent;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

@LogwardenIntegrationTest
class FeatureSignalBridgeIT {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    SignalBuffer signals;
    @Autowired
    FeatureSignalBridge bridge;

    @Test
    void an_anomaly_from_the_detectors_becomes_an_alert_signal() {
        Instant end = Instant.parse("2026-03-04T10:05:00Z");
        AnomalyEntity entity = AnomalyEntity.action("payments", "PAYMENT_RECEIVED");
        events.publishEvent(new AnomalyDetectedEvent(new Anomaly(Anomaly.idOf(AnomalyKind.DURATION, entity,
                end.minusSeconds(300)), AnomalyKind.DURATION, entity, end.minusSeconds(300), end, 87,
                io.logwarden.anomaly.Severity.HIGH, 2350, 180, 260, "ms", "p95 slow", end, AnomalyStatus.OPEN)));

        assertThat(signals.anomalies(end.minusSeconds(1), end.plusSeconds(1))).singleElement().satisfies(s -> {
            assertThat(s.entity()).isEqualTo(entity.key());
            assertThat(s.score()).isEqualTo(87);
            assertThat(s.severity()).isEqualTo(Severity.HIGH);
            assertThat(s.serviceName()).isEqualTo("payments");
        });
    }

    @Test
    void component_health_is_reported_for_health_rules() {
        Instant before = Instant.now();
        bridge.pollHealth();

        assertThat(signals.health(Instant.now())).filteredOn(h -> !h.timestamp().isBefore(before))
                .extracting(h -> h.component()).contains("elasticsearch");
    }
}
