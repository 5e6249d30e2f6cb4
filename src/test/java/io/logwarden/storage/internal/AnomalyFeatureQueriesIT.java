package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import io.logwarden.storage.AnomalyFeatureQueries.JobActivity;
import io.logwarden.storage.AnomalyFeatureQueries.TenantProbe;
import io.logwarden.storage.AnomalyFeatureQueries.WindowFeatures;
import io.logwarden.storage.AnomalyFeatureQueries;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestIndices;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Feature extraction for the anomaly detectors against real Elasticsearch, on a small hand-made hour. */
@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyFeatureQueriesIT {

    static final Instant H = Instant.parse("2023-08-01T10:00:00Z");
    static final Duration W = Duration.ofMinutes(5);

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnomalyFeatureQueries features;

    @BeforeAll
    void index_an_hour() throws IOException {
        String index = IndexNames.eventsIndex(H);
        TestIndices.deleteIfExists(client, index);
        List<Map<String, Object>> events = new ArrayList<>();
        // window 0: alpha 10 events (2 errors, durations 100..190 ms, 5 users), beta 4, gamma 1; window 2: beta;
        // a job run of the service indexer over windows 0-3; window 4 empty
        for (int i = 0; i < 10; i++) {
            events.add(event(H.plusSeconds(i * 20L), "alpha", "h-1", i < 2 ? "error" : "info", "GET", 100 + i * 10,
                    "u" + i % 5, "acme"));
        }
        for (int i = 0; i < 4; i++) {
            events.add(event(H.plusSeconds(i * 30L), "beta", "h-2", "info", null, -1, null, i == 0 ? "acme" : "globex"));
            events.add(event(H.plus(W.multipliedBy(2)).plusSeconds(i), "beta", "h-2", "info", null, -1, null, null));
        }
        events.add(event(H.plusSeconds(5), "gamma", "h-3", "info", null, -1, null, null));
        events.add(job(H.plusSeconds(10), "reindex", "r-1", "started"));
        events.add(job(H.plus(Duration.ofMinutes(6)), "reindex", "r-1", "heartbeat"));
        events.add(job(H.plus(Duration.ofMinutes(12)), "reindex", "r-1", "heartbeat"));
        events.add(job(H.plus(Duration.ofMinutes(16)), "reindex", "r-1", "succeeded"));
        BulkRequest.Builder b = new BulkRequest.Builder();
        for (Map<String, Object> e : events) {
            b.operations(o -> o.index(x -> x.index(index).document(e)));
        }
        assertThat(client.bulk(b.build()).errors()).isFalse();
        client.indices().refresh(r -> r.index(index));
    }

    @Test
    void streams_every_window_in_time_order_empty_ones_included() {
        List<WindowFeatures> windows = new ArrayList<>();
        features.windows(H, H.plus(W.multipliedBy(5)), W, 100, windows::add);

        assertThat(windows).extracting(WindowFeatures::start).containsExactly(H, H.plus(W), H.plus(W.multipliedBy(2)),
                H.plus(W.multipliedBy(3)), H.plus(W.multipliedBy(4)));
        WindowFeatures first = windows.getFirst();
        assertThat(first.services()).extracting(AnomalyFeatureQueries.ServiceWindow::service)
                .containsExactly("alpha", "beta", "gamma", "indexer");
        AnomalyFeatureQueries.ServiceWindow alpha = first.services().getFirst();
        assertThat(alpha.events()).isEqualTo(10);
        assertThat(alpha.errors()).isEqualTo(2);
        assertThat(alpha.distinctUsers()).isEqualTo(5);
        assertThat(alpha.p95DurationMillis()).isCloseTo(187, within(6.0));
        assertThat(first.actions()).singleElement().satisfies(a -> {
            assertThat(a.service()).isEqualTo("alpha");
            assertThat(a.action()).isEqualTo("GET");
            assertThat(a.events()).isEqualTo(10);
        });
        assertThat(first.hosts()).extracting(AnomalyFeatureQueries.HostWindow::events).containsExactly(10L, 4L, 1L);
        assertThat(windows.get(1).services()).extracting(AnomalyFeatureQueries.ServiceWindow::service)
                .containsExactly("indexer");
        assertThat(windows.get(2).services()).extracting(AnomalyFeatureQueries.ServiceWindow::service)
                .containsExactly("beta", "indexer");
        assertThat(windows.get(4).services()).isEmpty();
        assertThat(windows.get(4).hosts()).isEmpty();
        assertThat(windows).allSatisfy(w -> assertThat(w.truncated()).isZero());
    }

    @Test
    void small_pages_give_the_same_features_as_one_page() {
        List<WindowFeatures> whole = new ArrayList<>();
        features.windows(H, H.plus(W.multipliedBy(5)), W, 100, whole::add);

        for (int pageSize : new int[] {2, 3, 5}) {
            // further pages read only the events at or after their after key: nothing may go missing or twice
            List<WindowFeatures> paged = new ArrayList<>();
            new ElasticsearchAnomalyFeatureQueries(client, pageSize).windows(H, H.plus(W.multipliedBy(5)), W, 100,
                    paged::add);
            assertThat(paged).as("pages of %d buckets", pageSize).isEqualTo(whole);
        }
        assertThat(whole.getFirst().services()).hasSize(4);
    }

    @Test
    void caps_the_series_of_each_kind_per_window_and_counts_the_rest() {
        List<WindowFeatures> windows = new ArrayList<>();
        features.windows(H, H.plus(W), W, 2, windows::add);

        assertThat(windows.getFirst().services()).extracting(AnomalyFeatureQueries.ServiceWindow::service)
                .containsExactly("alpha", "beta");
        assertThat(windows.getFirst().hosts()).hasSize(2);
        // two services (gamma, indexer) and one host (h-3) left out
        assertThat(windows.getFirst().truncated()).isEqualTo(3);
    }

    @Test
    void job_activity_of_each_interval_counts_only_that_interval() {
        List<JobActivity> first = features.jobActivity(H, H.plus(Duration.ofMinutes(10)), 100);
        List<JobActivity> second = features.jobActivity(H.plus(Duration.ofMinutes(10)), H.plus(Duration.ofMinutes(20)),
                100);

        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.jobName()).isEqualTo("reindex");
            assertThat(a.service()).isEqualTo("indexer");
            assertThat(a.startedAt()).isEqualTo(H.plusSeconds(10));
            assertThat(a.finishedAt()).isNull();
            assertThat(a.heartbeats()).isEqualTo(1);
            assertThat(a.lastSeen()).isEqualTo(H.plus(Duration.ofMinutes(6)));
        });
        assertThat(second).singleElement().satisfies(a -> {
            assertThat(a.startedAt()).isNull();
            assertThat(a.heartbeats()).isEqualTo(1);
            assertThat(a.finishedAt()).isEqualTo(H.plus(Duration.ofMinutes(16)));
        });
    }

    @Test
    void finds_the_tenants_behind_each_probe() {
        Map<String, List<String>> tenants = features.tenants(List.of(
                new TenantProbe("a", Map.of("service.name", "alpha"), H, H.plus(W)),
                new TenantProbe("b", Map.of("service.name", "beta"), H, H.plus(W)),
                new TenantProbe("g", Map.of("host.name", "h-3"), H, H.plus(W))), 10);

        assertThat(tenants).containsEntry("a", List.of("acme")).containsEntry("b", List.of("acme", "globex"))
                .containsEntry("g", List.of());
    }

    @Test
    void the_watermark_is_the_latest_event_ingested_in_the_range() {
        // the last application event: beta at window 2 + 3 s, received 5 s later (job events carry none)
        assertThat(features.latestIngested(H, H.plus(Duration.ofHours(1))))
                .contains(H.plus(W.multipliedBy(2)).plusSeconds(8));
        assertThat(features.latestIngested(H.plus(Duration.ofHours(1)), H.plus(Duration.ofHours(2)))).isEmpty();
    }

    private static Map<String, Object> event(Instant at, String service, String host, String level, String action,
                                             double durationMillis, String user, String tenant) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", at.toString());
        e.put("message", "feature test");
        e.put("log", Map.of("level", level));
        e.put("service", Map.of("name", service));
        e.put("host", Map.of("name", host));
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("ingested", at.plusSeconds(5).toString());
        if (action != null) {
            ev.put("action", action);
        }
        if (durationMillis >= 0) {
            ev.put("duration", Math.round(durationMillis * 1_000_000));
        }
        e.put("event", ev);
        if (user != null) {
            e.put("user", Map.of("id", user));
        }
        if (tenant != null) {
            e.put("organization", Map.of("id", tenant));
        }
        return e;
    }

    private static Map<String, Object> job(Instant at, String name, String id, String state) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", at.toString());
        e.put("message", "job " + state);
        e.put("service", Map.of("name", "indexer"));
        e.put("job", Map.of("name", name, "id", id, "state", state));
        return e;
    }
}
