package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.storage.CountBucket;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StoredEvent;
import io.logwarden.storage.TermCount;
import io.logwarden.storage.TopTerms;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestIndices;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The search view's newest events, histogram and top values as storage writes and reads them as JSON ({@link
 * JsonEventSearch}): source filtering, sort values and totals, keys of every aggregatable type, missing and other
 * counts, empty buckets, the scope, and Elasticsearch's refusals.
 */
@LogwardenIntegrationTest
class JsonEventSearchIT {

    private static final Instant DAY = Instant.parse("2021-09-14T00:00:00Z");
    private static final Instant END = DAY.plus(Duration.ofHours(4));

    @Autowired
    ElasticsearchClient client;
    @Autowired
    EventSearch events;

    @BeforeEach
    void seed() throws IOException {
        String index = IndexNames.eventsIndex(DAY);
        TestIndices.deleteIfExists(client, index);
        // 10 events in the first hour, none in the second, 2 in the third; api 6, web 4, db 1, one without service
        String[] services = {"api", "api", "api", "api", "api", "api", "web", "web", "web", "web", "db", null};
        for (int i = 0; i < services.length; i++) {
            Instant at = DAY.plusSeconds(i < 10 ? 60L * i : 7_200 + 60L * i);
            Map<String, Object> event = new HashMap<>(Map.of("@timestamp", at.toString(), "message", "agg " + i,
                    "event", Map.of("duration", i < 6 ? 1_500 : 20),
                    "source", Map.of("ip", i % 2 == 0 ? "10.0.0.1" : "2001:db8::1"),
                    "labels", Map.of("tenant", i < 3 ? "acme" : "globex")));
            if (services[i] != null) {
                event.put("service", Map.of("name", services[i]));
            }
            String id = "agg-" + i;
            client.index(x -> x.index(index).id(id).document(event));
        }
        client.indices().refresh(r -> r.index(index));
    }

    @Test
    void newest_events_come_first_with_their_sort_values_and_only_the_fields_asked_for() {
        EventPage page = events.first(query("", ScopeFilter.UNRESTRICTED), 3, true, List.of("message"));
        assertThat(page.total()).isEqualTo(12);
        assertThat(page.events()).extracting(StoredEvent::id).containsExactly("agg-11", "agg-10", "agg-9");
        StoredEvent newest = page.events().getFirst();
        assertThat(newest.index()).isEqualTo(IndexNames.eventsIndex(DAY));
        assertThat(newest.source()).isEqualTo(Map.of("message", "agg 11"));
        assertThat(newest.sort()).containsExactly(DAY.plusSeconds(7_860).toEpochMilli());

        EventPage uncounted = events.first(query("message:\"agg 3\"", ScopeFilter.UNRESTRICTED), 50, false,
                List.of());
        assertThat(uncounted.total()).isEqualTo(-1);
        assertThat(uncounted.events()).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(DAY.plusSeconds(180));
            assertThat(e.source()).containsEntry("event", Map.of("duration", 1_500))
                    .containsEntry("service", Map.of("name", "api"));
        });
    }

    @Test
    void top_values_count_keys_of_every_type_with_missing_and_others() {
        TopTerms services = events.topTerms(query("", ScopeFilter.UNRESTRICTED), "service.name", 2);
        assertThat(services.matching()).isEqualTo(12);
        assertThat(services.missing()).isEqualTo(1);
        assertThat(services.other()).isEqualTo(1);
        assertThat(services.values()).containsExactly(new TermCount("api", 6), new TermCount("web", 4));

        assertThat(events.topTerms(query("", ScopeFilter.UNRESTRICTED), "event.duration", 10).values())
                .containsExactly(new TermCount("20", 6), new TermCount("1500", 6));
        assertThat(events.topTerms(query("", ScopeFilter.UNRESTRICTED), "source.ip", 10).values())
                .containsExactlyInAnyOrder(new TermCount("10.0.0.1", 6), new TermCount("2001:db8::1", 6));
        assertThat(events.topTerms(query("", ScopeFilter.UNRESTRICTED), "labels.tenant", 10).values())
                .containsExactly(new TermCount("globex", 9), new TermCount("acme", 3));
        assertThat(events.topTerms(query("message:\"agg 11\"", ScopeFilter.UNRESTRICTED), "@timestamp", 10)
                .values()).containsExactly(new TermCount("2021-09-14T02:11:00.000Z", 1));
    }

    @Test
    void top_values_and_histogram_see_only_the_scope() {
        ScopeFilter web = ScopeFilter.of(Map.of("service.name", Set.of("web")));
        TopTerms top = events.topTerms(query("", web), "service.name", 10);
        assertThat(top.matching()).isEqualTo(4);
        assertThat(top.values()).containsExactly(new TermCount("web", 4));
        assertThat(events.histogram(query("", web), Duration.ofHours(1))).extracting(CountBucket::count)
                .containsExactly(4L, 0L, 0L, 0L);
    }

    @Test
    void histogram_has_a_bucket_for_every_interval_of_the_range_empty_ones_included() {
        List<CountBucket> buckets = events.histogram(query("", ScopeFilter.UNRESTRICTED), Duration.ofHours(1));
        assertThat(buckets).extracting(CountBucket::start).containsExactly(DAY, DAY.plusSeconds(3_600),
                DAY.plusSeconds(7_200), DAY.plusSeconds(10_800));
        assertThat(buckets).extracting(CountBucket::count).containsExactly(10L, 0L, 2L, 0L);
    }

    /**
     * Elasticsearch answers 200 with failed shards when only the shards the time range reaches parse the query (the
     * others skip it): that answer is refused, not shown as zero matches.
     */
    @Test
    void a_query_elasticsearch_refuses_is_rejected_with_its_reason() {
        EventQuery unparsable = query("service.name:(shop", ScopeFilter.UNRESTRICTED);
        assertThatThrownBy(() -> events.topTerms(unparsable, "service.name", 10))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("Encountered \"<EOF>\"");
        assertThatThrownBy(() -> events.first(unparsable, 50, true, List.of()))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("Encountered \"<EOF>\"");
        assertThatThrownBy(() -> events.histogram(unparsable, Duration.ofHours(1)))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("Encountered \"<EOF>\"");
        // refused outright (400): full text has no values to count
        assertThatThrownBy(() -> events.topTerms(query("", ScopeFilter.UNRESTRICTED), "message", 10))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("Text fields are not optimised");
    }

    private static EventQuery query(String text, ScopeFilter scope) {
        return new EventQuery(text, List.of("message"), DAY, END, scope, Map.of(), false);
    }
}
