package io.logwarden.anomaly.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.anomaly.AnomalyEntity;
import org.junit.jupiter.api.Test;

class AnomalyQueriesTest {

    @Test
    void links_an_action_anomaly_to_its_service_and_action() {
        assertThat(AnomalyQueries.eventsOf(AnomalyEntity.action("payments", "PAYMENT_RECEIVED")))
                .isEqualTo("service.name:\"payments\" AND event.action:\"PAYMENT_RECEIVED\"");
    }

    @Test
    void links_a_job_run_and_a_host() {
        assertThat(AnomalyQueries.eventsOf(AnomalyEntity.job("nightly-export", "run-7")))
                .isEqualTo("job.name:\"nightly-export\" AND job.id:\"run-7\"");
        assertThat(AnomalyQueries.eventsOf(AnomalyEntity.host("web-1"))).isEqualTo("host.name:\"web-1\"");
    }

    @Test
    void quotes_hostile_values_so_they_stay_one_term() {
        assertThat(AnomalyQueries.eventsOf(AnomalyEntity.service("a\" OR *:* \"")))
                .isEqualTo("service.name:\"a\\\" OR *:* \\\"\"");
    }
}
