package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.indices.IndicesStatsResponse;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.OverviewRequest;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overview's search keys each daily index's shard request cache the same way every time it is sent, whatever the
 * other indices of the search computed meanwhile (decision 075). The shards are searched one at a time, in index name
 * order, so the outcome does not depend on timing: in the first search the earlier day builds its percentiles before
 * the later day's key is computed, in the second the earlier day is answered from its cache and builds nothing.
 */
@LogwardenIntegrationTest
class OverviewCacheKeyIT {

    /** Two days of July 2018, a range no other test writes to. */
    private static final Instant EARLY = Instant.parse("2018-07-01T00:00:00Z");
    private static final Instant LATE = Instant.parse("2018-07-02T00:00:00Z");

    @Autowired
    ElasticsearchClient client;

    @Test
    void a_repeated_overview_is_answered_from_the_cache_on_every_day_whatever_the_other_days_computed()
            throws IOException {
        seed();
        List<String> days = List.of(IndexNames.eventsIndex(EARLY), IndexNames.eventsIndex(LATE));
        client.indices().clearCache(c -> c.index(days).request(true));
        OverviewRequest request = new OverviewRequest(new EventSelection(EARLY.minus(Duration.ofHours(1)),
                LATE.plus(Duration.ofDays(1)), "", ScopeFilter.UNRESTRICTED), Duration.ofHours(1), 10,
                List.of("log.level"), null, new OverviewRequest.PercentileRequest("event.duration", "event.action", 3,
                Duration.ofHours(2), new double[] {50, 95}), List.of("event.action"), 10);

        search(days, request);
        Map<String, long[]> afterFirst = hitsAndMisses(days);
        search(days, request);
        Map<String, long[]> afterSecond = hitsAndMisses(days);

        for (String day : days) {
            assertThat(afterSecond.get(day)[0]).as("request cache hits on " + day)
                    .isEqualTo(afterFirst.get(day)[0] + 1);
            assertThat(afterSecond.get(day)[1]).as("request cache misses on " + day)
                    .isEqualTo(afterFirst.get(day)[1]);
        }
    }

    /** As {@link AnalyticsSearch#run} sends it, on the two days only and one shard at a time. */
    private void search(List<String> days, OverviewRequest request) throws IOException {
        client.search(s -> s.index(days).size(0).requestCache(true).trackTotalHits(t -> t.enabled(true))
                .maxConcurrentShardRequests(1L)
                .query(EventQueries.of(request.selection())).aggregations(new OverviewAggregations(request).build()),
                Void.class);
    }

    private Map<String, long[]> hitsAndMisses(List<String> days) throws IOException {
        var stats = client.indices().stats(s -> s.index(days).metric("request_cache"));
        return Map.of(days.get(0), counts(stats, days.get(0)), days.get(1), counts(stats, days.get(1)));
    }

    private static long[] counts(IndicesStatsResponse stats, String index) {
        var cache = stats.indices().get(index).total().requestCache();
        return new long[] {cache.hitCount(), cache.missCount()};
    }

    /** Per day 20 events with a duration (fixed ids: a rerun overwrites them), merged so no merge swaps the reader. */
    private void seed() throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
        for (Instant day : List.of(EARLY, LATE)) {
            for (int i = 0; i < 20; i++) {
                String id = "cache-key-" + day.getEpochSecond() + "-" + i;
                Map<String, Object> event = Map.of("@timestamp", day.plus(Duration.ofMinutes(30L * i)).toString(),
                        "log", Map.of("level", i % 5 == 0 ? "error" : "info"),
                        "event", Map.of("action", i % 2 == 0 ? "export.run" : "import.run",
                                "duration", (i + 1) * 1_000_000L));
                bulk.operations(o -> o.index(x -> x.index(IndexNames.eventsIndex(day)).id(id).document(event)));
            }
        }
        var response = client.bulk(bulk.build());
        assertThat(response.errors()).as("seeding errors").isFalse();
        List<String> days = List.of(IndexNames.eventsIndex(EARLY), IndexNames.eventsIndex(LATE));
        client.indices().forcemerge(f -> f.index(days).maxNumSegments(1L).flush(true));
        client.indices().refresh(r -> r.index(days));
    }
}
