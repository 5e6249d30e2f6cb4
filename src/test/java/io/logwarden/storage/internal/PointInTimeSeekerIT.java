package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.PageRequest;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StoredEvent;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestElasticsearch;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Random access by row inside a point in time against real Elasticsearch: the rows equal those found by reading the
 * whole order with {@code search_after}, and a far jump costs a few requests (counted at the HTTP transport).
 */
@LogwardenIntegrationTest
class PointInTimeSeekerIT {

    private static final Duration KEEP = Duration.ofMinutes(2);

    @Autowired
    ElasticsearchClient client;
    @Autowired
    RestClient rest;

    @Test
    void finds_any_row_with_a_few_histograms_and_one_read() {
        Instant start = Instant.parse("2020-11-01T00:00:00Z");
        int events = 30_000;
        // ten events per second over more than 8 hours, with ties (ten share each timestamp)
        seed("seek", events, i -> start.plusSeconds(i / 10));
        EventQuery query = query(start, start.plusSeconds(events / 10 + 1), "seek");
        // pages of 500 rows run across the ~300-event slices the first histogram finds
        assertRowsAndRequests(query, events, 500, new long[] {0, 1_500, 2_500, 14_999, 29_700}, 4);
    }

    @Test
    void finds_rows_among_more_events_of_one_millisecond_than_a_search_window_holds() {
        Instant at = Instant.parse("2020-11-15T10:00:00.500Z");
        int events = 12_500;
        seed("same", events, i -> at);
        EventQuery query = query(at.minusSeconds(1), at.plusSeconds(1), "same");
        assertRowsAndRequests(query, events, 50, new long[] {0, 9_000, 11_000, 12_450}, 5);
    }

    private void assertRowsAndRequests(EventQuery query, int events, int size, long[] offsets, int maxRequests) {
        ElasticsearchClient plain = new ElasticsearchClient(client._transport());
        String pit = new ElasticsearchEventSearch(plain, rest).openPointInTime(KEEP);
        List<String> all = readAll(new ElasticsearchEventSearch(plain, rest), query, pit);
        assertThat(all).hasSize(events).doesNotHaveDuplicates();
        CountingTransport counting = new CountingTransport(client._transport());
        PointInTimeSeeker seeker = new PointInTimeSeeker(new ElasticsearchClient(counting));
        for (long offset : offsets) {
            counting.requests.set(0);
            EventPage page = seeker.pageAt(query, new PageRequest(size, pit, KEEP, List.of(), false, List.of()),
                    offset);
            int expected = (int) Math.min(size, events - offset);
            assertThat(page.events()).extracting(StoredEvent::id).as("rows at " + offset)
                    .isEqualTo(all.subList((int) offset, (int) offset + expected));
            assertThat(counting.requests.get()).as("requests for row " + offset).isLessThanOrEqualTo(maxRequests);
        }
        new ElasticsearchEventSearch(plain, rest).closePointInTime(pit);
    }

    /** The whole newest-first order inside the point in time, by search_after. */
    private static List<String> readAll(ElasticsearchEventSearch search, EventQuery query, String pit) {
        List<String> ids = new ArrayList<>();
        List<Long> after = List.of();
        while (true) {
            EventPage page = search.page(query, new PageRequest(5_000, pit, KEEP, after, false, List.of("@timestamp")));
            page.events().forEach(e -> ids.add(e.id()));
            if (page.events().size() < 5_000) {
                return ids;
            }
            after = page.events().getLast().sort();
        }
    }

    private static EventQuery query(Instant from, Instant to, String marker) {
        return new EventQuery("labels.seek:" + marker, List.of("message"), from, to, ScopeFilter.UNRESTRICTED,
                Map.of(), false);
    }

    private static void seed(String marker, int events, java.util.function.IntFunction<Instant> timestamp) {
        HttpTestClient elasticsearch = new HttpTestClient(TestElasticsearch.url());
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < events; i++) {
            Instant at = timestamp.apply(i);
            bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(at)).append("\",\"_id\":\"")
                    .append(marker).append('-').append(i).append("\"}}\n{\"@timestamp\":\"").append(at)
                    .append("\",\"labels\":{\"seek\":\"").append(marker).append("\"}}\n");
            if (bulk.length() > 4_000_000 || i == events - 1) {
                var response = elasticsearch.post("/_bulk", "application/x-ndjson", bulk.toString());
                assertThat(response.body()).doesNotContain("\"errors\":true");
                bulk.setLength(0);
            }
        }
        elasticsearch.post("/" + IndexNames.EVENTS_ALIAS + "/_refresh", "application/json", "");
    }

    /** The application's transport, counting the requests that pass through it. */
    private static final class CountingTransport implements ElasticsearchTransport {
        private final ElasticsearchTransport real;
        final AtomicInteger requests = new AtomicInteger();

        CountingTransport(ElasticsearchTransport real) {
            this.real = real;
        }

        @Override
        public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
                Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
            requests.incrementAndGet();
            return real.performRequest(request, endpoint, options);
        }

        @Override
        public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
                Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
            requests.incrementAndGet();
            return real.performRequestAsync(request, endpoint, options);
        }

        @Override
        public JsonpMapper jsonpMapper() {
            return real.jsonpMapper();
        }

        @Override
        public TransportOptions options() {
            return real.options();
        }

        @Override
        public void close() throws IOException {
            // the application owns the real transport
        }
    }
}
