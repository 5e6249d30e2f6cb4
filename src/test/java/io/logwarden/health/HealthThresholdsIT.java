package io.logwarden.health;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import io.logwarden.storage.ClusterHealthService;
import io.logwarden.storage.EventAnalytics;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The health components judge known events of past hours (2018, which no other test writes to) against their
 * thresholds: a health service with a clock at the end of each hour and the thresholds under test, on the real
 * Elasticsearch.
 */
@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthThresholdsIT {

    /** Hours of known data: 2 %, 10 %, 60 % errors in 100 events, and 10 errors in 10 events. */
    private static final Instant LOW = Instant.parse("2018-05-01T10:00:00Z");
    private static final Instant SOME = Instant.parse("2018-05-01T12:00:00Z");
    private static final Instant MOSTLY = Instant.parse("2018-05-01T14:00:00Z");
    private static final Instant FEW = Instant.parse("2018-05-01T16:00:00Z");

    @Autowired
    ElasticsearchClient client;
    @Autowired
    ClusterHealthService cluster;
    @Autowired
    EventAnalytics events;
    @Autowired
    ObjectProvider<IngestStatus> ingest;

    @BeforeAll
    void indexKnownHours() throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
        hour(bulk, LOW, 100, 2);
        hour(bulk, SOME, 100, 10);
        hour(bulk, MOSTLY, 100, 60);
        hour(bulk, FEW, 10, 10);
        assertThat(client.bulk(bulk.build()).errors()).isFalse();
    }

    @Test
    void error_rate_is_healthy_below_degraded_degraded_from_it_and_unhealthy_from_the_unhealthy_threshold() {
        assertThat(health(LOW, properties(5, 50, 20, 0)).errorRate().level()).isEqualTo(HealthLevel.HEALTHY);
        ComponentHealth some = health(SOME, properties(5, 50, 20, 0)).errorRate();
        assertThat(some.level()).isEqualTo(HealthLevel.DEGRADED);
        assertThat(some.details()).containsEntry("events", 100L).containsEntry("errors", 10L)
                .containsEntry("errorPercent", 10.0);
        assertThat(health(MOSTLY, properties(5, 50, 20, 0)).errorRate().level()).isEqualTo(HealthLevel.UNHEALTHY);
        // the same 10 % is healthy once the degraded threshold is above it
        assertThat(health(SOME, properties(11, 50, 20, 0)).errorRate().level()).isEqualTo(HealthLevel.HEALTHY);
    }

    @Test
    void error_rate_is_not_judged_below_its_minimum_of_events() {
        ComponentHealth few = health(FEW, properties(5, 50, 20, 0)).errorRate();

        assertThat(few.details()).containsEntry("errorPercent", 100.0);
        assertThat(few.level()).isEqualTo(HealthLevel.HEALTHY);
        assertThat(health(FEW, properties(5, 50, 10, 0)).errorRate().level()).isEqualTo(HealthLevel.UNHEALTHY);
    }

    @Test
    void activity_is_degraded_with_fewer_events_than_its_minimum_in_the_window() {
        // the last 15 minutes of each 100-event hour hold 25 events
        ComponentHealth enough = health(LOW, properties(5, 50, 20, 25)).activity();
        assertThat(enough.details()).containsEntry("events", 25L);
        assertThat(enough.level()).isEqualTo(HealthLevel.HEALTHY);
        assertThat(health(LOW, properties(5, 50, 20, 26)).activity().level()).isEqualTo(HealthLevel.DEGRADED);
    }

    @Test
    void elasticsearch_is_degraded_or_unhealthy_when_the_probe_query_takes_longer_than_the_thresholds() {
        assertThat(health(LOW, properties(5, 50, 20, 0)).elasticsearch().level()).isEqualTo(HealthLevel.HEALTHY);
        assertThat(health(LOW, queryTime(Duration.ZERO, Duration.ofHours(1))).elasticsearch().level())
                .isEqualTo(HealthLevel.DEGRADED);
        ComponentHealth slow = health(LOW, queryTime(Duration.ZERO, Duration.ZERO)).elasticsearch();
        assertThat(slow.level()).isEqualTo(HealthLevel.UNHEALTHY);
        assertThat(slow.details()).containsKey("queryTimeMs");
    }

    private HealthService health(Instant hour, HealthProperties properties) {
        Clock endOfHour = Clock.fixed(hour.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        return new HealthService(cluster, events, ingest, properties, endOfHour);
    }

    private static HealthProperties properties(double degraded, double unhealthy, long minEvents, long minActivity) {
        return new HealthProperties(new HealthProperties.Elasticsearch(Duration.ofSeconds(1), Duration.ofSeconds(10)),
                new HealthProperties.Ingest(10_000, 1_000_000, Duration.ofHours(1), null),
                new HealthProperties.ErrorRate(degraded, unhealthy, minEvents),
                new HealthProperties.Activity(Duration.ofMinutes(15), minActivity), Duration.ofSeconds(10));
    }

    private static HealthProperties queryTime(Duration degraded, Duration unhealthy) {
        HealthProperties base = properties(5, 50, 20, 0);
        return new HealthProperties(new HealthProperties.Elasticsearch(degraded, unhealthy), base.ingest(),
                base.errorRate(), base.activity(), base.publicCacheTtl());
    }

    /** {@code total} events spread evenly over the hour, the first {@code errors} of them errors or critical. */
    private static void hour(BulkRequest.Builder bulk, Instant start, int total, int errors) {
        long step = Duration.ofHours(1).toMillis() / total;
        for (int i = 0; i < total; i++) {
            Instant at = start.plusMillis(i * step + 1);
            Map<String, Object> event = new HashMap<>();
            event.put("@timestamp", at.toString());
            event.put("message", "health threshold probe " + i);
            event.put("log", Map.of("level", i < errors ? (i % 2 == 0 ? "error" : "critical") : "info"));
            event.put("service", Map.of("name", "health-it"));
            String id = "health-thresholds-" + start.toEpochMilli() + "-" + i;
            bulk.operations(o -> o.index(x -> x.index(IndexNames.eventsIndex(at)).id(id).document(event)));
        }
    }
}
