package io.logwarden.storage;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LogwardenIntegrationTest
class StorageIT {

    @Autowired
    ElasticsearchClient client;
    @Autowired
    EventStatistics statistics;
    @Autowired
    ClusterHealthService health;

    @Test
    void installs_every_template_with_its_version() throws IOException {
        var index = client.indices().getIndexTemplate(t -> t.name("logwarden-*")).indexTemplates();
        assertThat(index).extracting(t -> t.name()).contains("logwarden-events", "logwarden-audit",
                "logwarden-deadletter", "logwarden-anomalies", "logwarden-alerts", "logwarden-system");
        assertThat(index).allSatisfy(t -> assertThat(t.indexTemplate().version()).isPositive());
        var components = client.cluster().getComponentTemplate(t -> t.name("logwarden-*")).componentTemplates();
        assertThat(components).extracting(c -> c.name()).contains("logwarden-settings", "logwarden-ecs-mappings");
    }

    @Test
    void daily_event_index_gets_the_ecs_mapping_and_the_read_alias() throws IOException {
        String index = IndexNames.eventsIndex(Instant.parse("2020-02-03T10:00:00Z"));
        client.index(i -> i.index(index).id("mapping-probe").refresh(Refresh.True).document(Map.of(
                "@timestamp", "2020-02-03T10:00:00Z", "message", "probe", "log", Map.of("level", "info"),
                "labels", Map.of("anything", Map.of("nested", "value")),
                "not_in_schema", "ignored by dynamic=false")));

        IndexMappingRecord mapping = client.indices().getMapping(m -> m.index(index)).result().get(index);
        var properties = mapping.mappings().properties();
        assertThat(properties.get("labels").isFlattened()).isTrue();
        assertThat(properties.get("@timestamp").isDate()).isTrue();
        assertThat(properties).doesNotContainKey("not_in_schema");
        assertThat(client.indices().getAlias(a -> a.index(index)).result().get(index).aliases())
                .containsKey(IndexNames.EVENTS_ALIAS);
        var found = client.search(s -> s.index(IndexNames.EVENTS_ALIAS).query(q -> q.ids(i -> i.values("mapping-probe"))),
                Map.class);
        assertThat(found.hits().total().value()).isEqualTo(1);
    }

    @Test
    void counts_events_per_bucket_including_empty_buckets() throws IOException {
        Instant from = Instant.parse("2021-05-01T00:00:00Z");
        List<Instant> times = List.of(from.plusSeconds(10), from.plusSeconds(20), from.plus(2, ChronoUnit.HOURS));
        for (int i = 0; i < times.size(); i++) {
            Instant t = times.get(i);
            String id = "count-" + i;
            client.index(x -> x.index(IndexNames.eventsIndex(t)).id(id).document(Map.of("@timestamp", t.toString())));
        }
        client.indices().refresh(r -> r.index(IndexNames.pattern(IndexNames.EVENTS)));

        List<CountBucket> buckets = statistics.eventsOverTime(from, from.plus(3, ChronoUnit.HOURS), Duration.ofHours(1));

        assertThat(buckets).extracting(CountBucket::count).containsExactly(2L, 0L, 1L);
        assertThat(buckets.getFirst().start()).isEqualTo(from);
    }

    @Test
    void reports_the_cluster_reachable_and_not_red() {
        ClusterStatus status = health.status();
        assertThat(status.reachable()).isTrue();
        assertThat(status.status()).isIn("green", "yellow");
        assertThat(status.nodes()).isPositive();
    }
}
