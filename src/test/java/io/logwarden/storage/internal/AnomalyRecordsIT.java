package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.storage.AnomalyRecords.Recorded;
import io.logwarden.storage.AnomalyRecords;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestIndices;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Recording anomaly documents against real Elasticsearch: lookups of existing ones do not depend on a refresh. */
@LogwardenIntegrationTest
class AnomalyRecordsIT {

    static final Instant START = Instant.parse("2019-05-14T10:05:00Z");

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnomalyRecords records;

    @BeforeEach
    void no_anomalies_index_for_the_day() throws IOException {
        String index = IndexNames.daily(IndexNames.ANOMALIES, START);
        TestIndices.deleteIfExists(client, index);
    }

    @Test
    void creates_the_document_and_the_daily_index_it_goes_to() {
        List<Recorded> first = records.record(List.of(document("a-1", 55.0, "medium", "open")), List.of("feedback"));

        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.created()).isTrue();
            assertThat(r.previousSeverity()).isNull();
        });
        assertThat(records.findWhere(Map.of("detector", "records-it"), 10)).singleElement()
                .satisfies(d -> assertThat(d.get("score")).isEqualTo(55.0));
    }

    @Test
    void a_document_recorded_again_before_a_refresh_is_updated_keeping_its_review_state() throws IOException {
        records.record(List.of(document("a-2", 55.0, "medium", "open")), List.of("feedback"));
        String index = IndexNames.daily(IndexNames.ANOMALIES, START);
        client.indices().putSettings(s -> s.index(index).settings(x -> x.refreshInterval(t -> t.time("-1"))));
        // a review written and not yet visible to searches
        client.update(u -> u.index(index).id("a-2").doc(Map.of("feedback", "false_positive")), Map.class);

        List<Recorded> again = records.record(List.of(document("a-2", 82.0, "high", "open"),
                document("a-3", 45.0, "medium", "open")), List.of("feedback"));

        assertThat(again).extracting(Recorded::id, Recorded::created, Recorded::previousSeverity,
                Recorded::previousFeedback).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a-2", false, "medium", "false_positive"),
                        org.assertj.core.groups.Tuple.tuple("a-3", true, null, null));
        List<Map<String, Object>> stored = records.findWhere(Map.of("detector", "records-it"), 10);
        assertThat(stored).hasSize(2);
        assertThat(stored).filteredOn(d -> "a-2".equals(d.get("id"))).singleElement().satisfies(d -> {
            assertThat(d.get("score")).isEqualTo(82.0);
            assertThat(d.get("severity")).isEqualTo("high");
            assertThat(d.get("feedback")).isEqualTo("false_positive");
        });
    }

    private static Map<String, Object> document(String id, double score, String severity, String feedback) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("@timestamp", START.toString());
        doc.put("detector", "records-it");
        doc.put("score", score);
        doc.put("severity", severity);
        doc.put("window", Map.of("start", START.toString(), "end", START.plusSeconds(300).toString()));
        doc.put("feedback", feedback);
        return doc;
    }
}
