package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyDocumentsTest {

    private final AnomalyFactory factory = DetectorTestData.factory();

    @Test
    void a_document_maps_back_to_the_same_anomaly() {
        Anomaly a = anomaly(AnomalyEntity.job("batch", "nightly", "run-7"), 77)
                .withTenants(List.of("acme")).withEvidence(Map.of("signal", 1.0));
        Map<String, Object> doc = AnomalyDocuments.toDocument(a, DetectorTestData.T0);
        assertThat(doc).containsEntry("detector", "stuck_job").containsEntry("severity", "high")
                .containsEntry("@timestamp", "2026-01-05T00:00:00Z")
                .containsEntry("organization", Map.of("id", "acme"))
                .containsEntry("service", Map.of("name", "batch"));
        assertThat(AnomalyDocuments.fromDocument(doc)).isEqualTo(a);
    }

    @Test
    void an_anomaly_of_several_tenants_carries_them_but_no_single_organization_id() {
        Anomaly a = anomaly(AnomalyEntity.service("shared"), 50).withTenants(List.of("acme", "globex"));
        Map<String, Object> doc = AnomalyDocuments.toDocument(a, DetectorTestData.T0);
        assertThat(doc).doesNotContainKey("organization").containsEntry("tenants", List.of("acme", "globex"));
        assertThat(a.tenant()).isNull();
    }

    @Test
    void the_system_score_is_the_highest_score_raised_by_the_number_of_serious_anomalies() {
        Anomaly low = anomaly(AnomalyEntity.service("a"), 35);
        Anomaly medium = anomaly(AnomalyEntity.service("b"), 50);
        assertThat(DefaultAnomalyService.summarise(List.of(), 40)).isZero();
        assertThat(DefaultAnomalyService.summarise(List.of(low), 40)).isEqualTo(35);
        assertThat(DefaultAnomalyService.summarise(List.of(low, medium), 40)).isEqualTo(50);
        assertThat(DefaultAnomalyService.summarise(java.util.Collections.nCopies(10, medium), 40)).isEqualTo(60);
    }

    @Test
    void scores_below_the_report_threshold_make_no_anomaly() {
        assertThat(factory.create(AnomalyKind.DURATION, AnomalyEntity.service("a"), DetectorTestData.T0,
                DetectorTestData.T0, 29.9, 1, 0, 1, "ms", "x", DetectorTestData.T0)).isEmpty();
    }

    private Anomaly anomaly(AnomalyEntity entity, double score) {
        Instant t = DetectorTestData.T0;
        return factory.create(AnomalyKind.STUCK_JOB, entity, t, t.plusSeconds(300), score, 1021, 0, 189, "s",
                "no heartbeat", t).orElseThrow();
    }
}
