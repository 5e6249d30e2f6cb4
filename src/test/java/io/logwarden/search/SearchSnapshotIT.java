package io.logwarden.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.search.internal.PagedSnapshot;
import io.logwarden.search.internal.SearchGuard;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.CountBucket;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.PageRequest;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StoredEvent;
import io.logwarden.storage.TopTerms;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestElasticsearch;
import io.logwarden.testsupport.TestUsers;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Search view's grid model against real Elasticsearch: random access by row over 12,345 events (three per
 * timestamp), far jumps without reading the rows before, a transparent re-run after the point in time expired, and
 * the point in time released on close.
 */
@LogwardenIntegrationTest
class SearchSnapshotIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TimeRange RANGE = new TimeRange(SearchTestData.START, SearchTestData.END);
    private static final CurrentUser ADMIN = new CurrentUser(TestUsers.ADMIN, Set.of(Roles.ADMIN),
            AccessScope.EVERYTHING, true);
    private static List<FoundEvent> reference;

    @Autowired
    SearchService search;
    @Autowired
    EventSearch events;
    @Autowired
    SearchGuard guard;

    @BeforeEach
    void setUp() {
        SearchTestData.seed();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                TestUsers.ADMIN, null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        if (reference == null) {
            reference = pagedThroughAll();
        }
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void reads_every_row_once_in_any_order_of_access() {
        try (SearchSnapshot snapshot = search.open("", RANGE)) {
            assertThat(snapshot.total()).isEqualTo(SearchTestData.EVENTS);
            List<Integer> chunks = new ArrayList<>(IntStream.range(0, (SearchTestData.EVENTS + 99) / 100).boxed()
                    .toList());
            Collections.shuffle(chunks, new Random(7));
            FoundEvent[] rows = new FoundEvent[SearchTestData.EVENTS];
            for (int chunk : chunks) {
                List<FoundEvent> read = snapshot.rows(chunk * 100L, 100);
                for (int i = 0; i < read.size(); i++) {
                    rows[chunk * 100 + i] = read.get(i);
                }
            }
            List<String> ids = java.util.Arrays.stream(rows).map(FoundEvent::id).toList();
            assertThat(ids).doesNotContainNull().doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, SearchTestData.EVENTS)
                            .mapToObj(SearchTestData::id).toList());
            assertThat(java.util.Arrays.stream(rows).map(FoundEvent::timestamp).toList())
                    .isEqualTo(reference.stream().map(FoundEvent::timestamp).toList());
        }
    }

    @Test
    void jumps_far_with_a_few_requests_instead_of_reading_the_rows_before() {
        CountingSearch counting = new CountingSearch(events);
        try (PagedSnapshot snapshot = snapshot(counting)) {
            counting.calls.clear();
            List<FoundEvent> far = snapshot.rows(12_000, 50);
            assertThat(far).extracting(FoundEvent::timestamp)
                    .isEqualTo(reference.subList(12_000, 12_050).stream().map(FoundEvent::timestamp).toList());
            assertThat(counting.calls).hasSizeLessThanOrEqualTo(5).doesNotContain("page")
                    .contains("openPointInTime");
            counting.calls.clear();
            // the next rows continue from there with search_after
            snapshot.rows(12_200, 50);
            assertThat(counting.calls).containsExactly("page");
        }
    }

    @Test
    void re_runs_the_search_when_its_point_in_time_expired() throws Exception {
        CountingSearch counting = new CountingSearch(events);
        try (PagedSnapshot snapshot = snapshot(counting)) {
            AtomicInteger restarts = new AtomicInteger();
            snapshot.onRestart(restarts::incrementAndGet);
            snapshot.rows(1_000, 10);
            assertThat(closePointInTime(counting.pit).statusCode()).isEqualTo(200);
            List<FoundEvent> rows = snapshot.rows(5_000, 10);
            assertThat(rows).extracting(FoundEvent::timestamp)
                    .isEqualTo(reference.subList(5_000, 5_010).stream().map(FoundEvent::timestamp).toList());
            assertThat(restarts).hasValue(1);
            assertThat(snapshot.total()).isEqualTo(SearchTestData.EVENTS);
        }
    }

    @Test
    void closing_releases_its_point_in_time() throws Exception {
        CountingSearch counting = new CountingSearch(events);
        PagedSnapshot snapshot = snapshot(counting);
        snapshot.rows(1_000, 10);
        String pit = counting.pit;
        assertThat(searchInPointInTime(pit)).isEqualTo(200);
        snapshot.close();
        Instant deadline = Instant.now().plusSeconds(10);
        while (searchInPointInTime(pit) == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(searchInPointInTime(pit)).isEqualTo(404);
    }

    @Test
    void samples_the_fields_of_the_first_page_labels_included() {
        try (SearchSnapshot snapshot = search.open("", RANGE)) {
            assertThat(snapshot.fields()).extracting(SampledField::field)
                    .contains("labels.batch", "service.name", "log.level", "message", "user.email")
                    .doesNotContain("labels", "@timestamp.x");
            SampledField batch = snapshot.fields().stream().filter(f -> f.field().equals("labels.batch"))
                    .findFirst().orElseThrow();
            assertThat(batch.facetable()).isTrue();
            assertThat(batch.events()).isEqualTo(200);
            assertThat(snapshot.fields().stream().filter(f -> f.field().equals("message")).findFirst().orElseThrow()
                    .facetable()).isFalse();
        }
    }

    private PagedSnapshot snapshot(EventSearch through) {
        EventQuery query = guard.query(ADMIN, guard.parse(ADMIN, ""), RANGE, Map.of());
        List<StoredEvent> first = through.first(query, PagedSnapshot.PAGE_SIZE, false, List.of()).events();
        return new PagedSnapshot(through, guard, ADMIN, query, "", RANGE, Duration.ofMinutes(2), first,
                search.histogram("", RANGE));
    }

    private List<FoundEvent> pagedThroughAll() {
        List<FoundEvent> all = new ArrayList<>();
        String cursor = null;
        do {
            SearchResult page = search.search("", RANGE, 1000, cursor, List.of("@timestamp"));
            all.addAll(page.events());
            cursor = page.cursor();
        } while (cursor != null);
        assertThat(all).hasSize(SearchTestData.EVENTS);
        assertThat(new HashSet<>(all.stream().map(FoundEvent::id).toList())).hasSize(SearchTestData.EVENTS);
        return all;
    }

    private static HttpResponse<String> closePointInTime(String pit) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestElasticsearch.url().resolve("/_pit"))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("id", pit))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int searchInPointInTime(String pit) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestElasticsearch.url().resolve("/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("size", 0,
                        "pit", Map.of("id", pit)))))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The real storage adapter, noting which calls reach Elasticsearch and the last point in time opened. */
    private static final class CountingSearch implements EventSearch {
        private final EventSearch real;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        volatile String pit;

        CountingSearch(EventSearch real) {
            this.real = real;
        }

        @Override
        public EventPage first(EventQuery query, int size, boolean countTotal, List<String> fields) {
            calls.add("first");
            return real.first(query, size, countTotal, fields);
        }

        @Override
        public String openPointInTime(Duration keepAlive) {
            calls.add("openPointInTime");
            pit = real.openPointInTime(keepAlive);
            return pit;
        }

        @Override
        public EventPage page(EventQuery query, PageRequest request) {
            calls.add("page");
            EventPage page = real.page(query, request);
            pit = page.pitId();
            return page;
        }

        @Override
        public EventPage pageAt(EventQuery query, PageRequest request, long offset) {
            calls.add("pageAt");
            EventPage page = real.pageAt(query, request, offset);
            pit = page.pitId();
            return page;
        }

        @Override
        public void closePointInTime(String pitId) {
            calls.add("closePointInTime");
            real.closePointInTime(pitId);
        }

        @Override
        public List<CountBucket> histogram(EventQuery query, Duration interval) {
            return real.histogram(query, interval);
        }

        @Override
        public TopTerms topTerms(EventQuery query, String field, int size) {
            return real.topTerms(query, field, size);
        }

        @Override
        public Optional<StoredEvent> byId(String id, ScopeFilter scope) {
            return real.byId(id, scope);
        }

        @Override
        public List<StoredEvent> byIds(Collection<String> ids, ScopeFilter scope) {
            return real.byIds(ids, scope);
        }

        @Override
        public EventPage oldestFirst(EventQuery query, Collection<String> excludedIds, int max) {
            return real.oldestFirst(query, excludedIds, max);
        }

        @Override
        public List<StoredEvent> ingestedSince(EventQuery query, Instant since, int max, boolean withSource) {
            return real.ingestedSince(query, since, max, withSource);
        }

        @Override
        public Surroundings around(EventQuery query, Instant at, String anchorId, int max) {
            return real.around(query, at, anchorId, max);
        }
    }
}
