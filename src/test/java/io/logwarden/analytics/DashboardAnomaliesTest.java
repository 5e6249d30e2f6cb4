package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardAnomaliesTest {

    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

    private static final List<AnomalyMark> MARKS = List.of(
            mark("1", "ERROR_RATE", "shop", "shop"),
            mark("2", "ERROR_RATE", "billing", "billing"),
            mark("3", "DURATION", "shop", "checkout"),
            mark("4", "SILENT_SOURCE", "shop", "shop"),
            mark("5", "SILENT_SOURCE", null, "web-3"),
            mark("6", "MULTIVARIATE", "billing", "billing"),
            mark("7", "STUCK_JOB", "shop", "nightly"));

    @Test
    void the_error_rate_chart_gets_the_error_rate_anomalies_of_the_services_it_shows() {
        assertThat(DashboardAnomalies.concerning(MARKS, DashboardAnomalies.ERROR_RATE_KINDS, Set.of("shop")))
                .extracting(AnomalyMark::id).containsExactly("1");
    }

    @Test
    void the_volume_chart_gets_silences_and_unusual_combinations_of_its_services() {
        assertThat(DashboardAnomalies.concerning(MARKS, DashboardAnomalies.VOLUME_KINDS, Set.of("shop", "billing")))
                .extracting(AnomalyMark::id).containsExactly("4", "6");
    }

    @Test
    void the_duration_chart_gets_slow_actions_it_shows_not_every_action_of_the_service() {
        assertThat(DashboardAnomalies.concerning(MARKS, DashboardAnomalies.DURATION_KINDS, Set.of("checkout")))
                .extracting(AnomalyMark::id).containsExactly("3");
        assertThat(DashboardAnomalies.concerning(MARKS, DashboardAnomalies.DURATION_KINDS, Set.of("shop")))
                .isEmpty();
    }

    @Test
    void a_mark_links_to_its_anomaly() {
        assertThat(MARKS.getFirst().link()).isEqualTo("anomalies?id=1");
    }

    private static AnomalyMark mark(String id, String kind, String service, String entity) {
        return new AnomalyMark(id, kind, service, entity, T0, T0.plusSeconds(300), 75, "high", entity + ": odd");
    }
}
