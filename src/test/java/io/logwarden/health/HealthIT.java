package io.logwarden.health;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@LogwardenIntegrationTest
class HealthIT {

    @LocalServerPort
    int port;
    @Autowired
    HealthService health;
    @Autowired
    ElasticsearchClient client;

    private HttpTestClient http() {
        return new HttpTestClient(URI.create("http://localhost:" + port));
    }

    @Test
    void admin_sees_the_four_components_with_their_figures() {
        var response = http().get("/actuator/health", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"elasticsearch\"", "\"queryTimeMs\"", "\"ingest\"",
                "\"journalLag\"", "\"errorRate\"", "\"errorPercent\"", "\"activity\"", "\"eventsPerMinute\"");
    }

    @Test
    void anonymous_callers_get_the_status_without_details() {
        var response = http().get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\"").doesNotContain("queryTimeMs", "errorRate");
    }

    @Test
    void ingest_reads_the_newest_received_event_when_no_ingest_status_bean_exists() throws Exception {
        Instant received = Instant.now().minusSeconds(5);
        client.index(i -> i.index(IndexNames.eventsIndex(received)).id("health-it-newest").refresh(Refresh.True)
                .document(Map.of("@timestamp", received.toString(), "message", "probe",
                        "event", Map.of("ingested", received.toString()))));

        ComponentHealth ingest = health.ingest();

        assertThat(ingest.level()).isEqualTo(HealthLevel.HEALTHY);
        assertThat(ingest.details().get("lastEventReceived")).isNotEqualTo("never");
        assertThat((Long) ingest.details().get("secondsSinceLastEvent")).isLessThan(3600);
    }
}
