package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import io.logwarden.storage.AnomalyScores;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestIndices;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The anomaly scores ANOMALY alert rules read, against real Elasticsearch: anomaly documents as the detectors write
 * them, on a day of their own (2023-09-12).
 */
@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyScoresIT {

    static final Instant H = Instant.parse("2023-09-12T10:00:00Z");

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnomalyScores scores;

    @BeforeAll
    void index_anomalies() throws IOException {
        String index = IndexNames.daily(IndexNames.ANOMALIES, H);
        TestIndices.deleteIfExists(client, index);
        List<Map<String, Object>> docs = List.of(
                anomaly("duration", "action:checkout:PAY", "checkout", H, H.plus(Duration.ofMinutes(5)), 80, "open"),
                anomaly("error_rate", "service:orders", "orders", H, H.plus(Duration.ofMinutes(5)), 90,
                        "false_positive"),
                // a silence that began two hours before the period and still goes on
                anomaly("silent_source", "service:inventory", "inventory", H.minus(Duration.ofHours(2)),
                        H.plus(Duration.ofMinutes(30)), 75, "acknowledged"),
                // over before the period
                anomaly("duration", "action:billing:SEND", "billing", H.minus(Duration.ofHours(1)),
                        H.minus(Duration.ofMinutes(55)), 95, "open"));
        BulkRequest.Builder b = new BulkRequest.Builder().refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
        for (Map<String, Object> d : docs) {
            b.operations(o -> o.index(i -> i.index(index).id(String.valueOf(d.get("id"))).document(d)));
        }
        assertThat(client.bulk(b.build()).errors()).isFalse();
    }

    @Test
    void false_positives_are_left_out_and_ongoing_anomalies_count_in_the_period() {
        List<AnomalyScores.Anomaly> top = scores.top(ScopeFilter.UNRESTRICTED, H, H.plus(Duration.ofHours(1)), 10);

        assertThat(top).extracting(AnomalyScores.Anomaly::entity)
                .containsExactly("action:checkout:PAY", "service:inventory");
        assertThat(top).extracting(AnomalyScores.Anomaly::detector).containsExactly("duration", "silent_source");
        assertThat(top.getFirst().score()).isEqualTo(80);
        assertThat(top.getFirst().serviceName()).isEqualTo("checkout");
    }

    @Test
    void a_rule_scoped_to_a_service_sees_only_that_service() {
        List<AnomalyScores.Anomaly> top = scores.top(ScopeFilter.of(Map.of("service.name", Set.of("inventory"))),
                H, H.plus(Duration.ofHours(1)), 10);

        assertThat(top).extracting(AnomalyScores.Anomaly::entity).containsExactly("service:inventory");
    }

    private static Map<String, Object> anomaly(String detector, String entity, String service, Instant start,
                                               Instant end, double score, String feedback) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", detector + "-" + entity);
        d.put("@timestamp", start.toString());
        d.put("detector", detector);
        d.put("score", score);
        d.put("severity", score >= 70 ? "high" : "medium");
        d.put("entity", Map.of("type", entity.substring(0, entity.indexOf(':')), "id", entity));
        d.put("window", Map.of("start", start.toString(), "end", end.toString()));
        d.put("explanation", detector + " of " + entity);
        d.put("service", Map.of("name", service));
        d.put("feedback", feedback);
        d.put("detected_at", start.toString());
        return d;
    }
}
