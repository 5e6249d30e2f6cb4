package io.logwarden.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestElasticsearch;
import io.logwarden.testsupport.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Live tail delivery, entity timelines, surrounding events and saved searches against real Elasticsearch. */
@LogwardenIntegrationTest
class ExploreAndTailIT {

    private final HttpTestClient elasticsearch = new HttpTestClient(TestElasticsearch.url());

    @Autowired
    LiveTailService liveTail;
    @Autowired
    ExploreService explore;
    @Autowired
    SearchService search;
    @Autowired
    SavedSearchService saved;
    @Autowired
    DocumentStore store;
    @Autowired
    PasswordEncoder encoder;

    @BeforeEach
    void logIn() {
        logInAs(TestUsers.ADMIN, Roles.ADMIN);
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void live_tail_delivers_new_matching_events_and_only_those() throws Exception {
        String marker = "tail" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<TailBatch> batches = new CopyOnWriteArrayList<>();
        try (LiveTail tail = liveTail.start("labels.marker:" + marker + " AND log.level:error", batches::add)) {
            Instant now = Instant.now();
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                event(bulk, marker + "-" + i, now.plusMillis(i), "{\"message\":\"tailed " + i + "\",\"log\":{\"level\":\""
                        + (i < 5 ? "error" : "info") + "\"},\"labels\":{\"marker\":\"" + marker + "\"}"
                        + ingested(now.plusMillis(i)) + "}");
            }
            bulk(bulk);
            List<String> delivered = await(batches, 5);
            assertThat(delivered).containsExactly(marker + "-0", marker + "-1", marker + "-2", marker + "-3",
                    marker + "-4");
            assertThat(batches).allSatisfy(b -> assertThat(b.error()).isNull());
        }
    }

    @Test
    void live_tail_delivers_late_and_clock_skewed_events_by_their_arrival() throws Exception {
        String marker = "skew" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<TailBatch> batches = new CopyOnWriteArrayList<>();
        try (LiveTail tail = liveTail.start("labels.marker:" + marker, batches::add)) {
            Instant now = Instant.now();
            StringBuilder ahead = new StringBuilder();
            // a host whose clock runs an hour ahead
            event(ahead, marker + "-ahead", now.plus(1, ChronoUnit.HOURS), "{\"labels\":{\"marker\":\"" + marker
                    + "\"}" + ingested(now) + "}");
            bulk(ahead);
            assertThat(await(batches, 1)).containsExactly(marker + "-ahead");
            StringBuilder later = new StringBuilder();
            // a backlog sent after a reconnect, stamped two hours ago, and an ordinary event
            event(later, marker + "-late", now.minus(2, ChronoUnit.HOURS), "{\"labels\":{\"marker\":\"" + marker
                    + "\"}" + ingested(Instant.now()) + "}");
            event(later, marker + "-normal", Instant.now(), "{\"labels\":{\"marker\":\"" + marker + "\"}"
                    + ingested(Instant.now().plusMillis(1)) + "}");
            bulk(later);
            assertThat(await(batches, 3)).containsExactly(marker + "-ahead", marker + "-late", marker + "-normal");
        }
    }

    @Test
    void live_tail_keeps_to_its_rate_limit_in_a_flood_and_keeps_the_newest() throws Exception {
        String marker = "flood" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<TailBatch> batches = new CopyOnWriteArrayList<>();
        try (LiveTail tail = liveTail.start("labels.marker:" + marker, batches::add)) {
            Instant now = Instant.now();
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < 250; i++) {
                event(bulk, marker + "-" + i, now.plusMillis(i), "{\"message\":\"flood\",\"labels\":{\"marker\":\""
                        + marker + "\"}" + ingested(now.plusMillis(i)) + "}");
            }
            bulk(bulk);
            List<String> delivered = await(batches, 100);
            // the default limit is 100 events per second, polled every second: one batch of the 100 newest
            assertThat(batches.getFirst().events()).hasSize(100);
            assertThat(batches.getFirst().skipped()).isPositive();
            assertThat(delivered.getLast()).isEqualTo(marker + "-249");
            assertThat(delivered.getFirst()).isEqualTo(marker + "-150");
        }
    }

    @Test
    void live_tail_pauses_and_resumes() throws Exception {
        String marker = "pause" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<TailBatch> batches = new CopyOnWriteArrayList<>();
        try (LiveTail tail = liveTail.start("labels.marker:" + marker, batches::add)) {
            tail.pause();
            assertThat(tail.paused()).isTrue();
            StringBuilder bulk = new StringBuilder();
            event(bulk, marker + "-0", Instant.now(), "{\"message\":\"while paused\",\"labels\":{\"marker\":\""
                    + marker + "\"}" + ingested(Instant.now()) + "}");
            bulk(bulk);
            tail.resume();
            assertThat(await(batches, 1)).containsExactly(marker + "-0");
        }
    }

    @Test
    void live_tail_applies_the_scope_of_the_user_who_started_it() throws Exception {
        String marker = "scope" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        store.save(IndexNames.USERS, "tail-viewer", new io.logwarden.security.UserAccount("tail-viewer",
                encoder.encode("x"), Set.of(Roles.VIEWER), new AccessScope(Set.of("acme"), Set.of(), Set.of()),
                true, Instant.now()));
        logInAs("tail-viewer", Roles.VIEWER);
        List<TailBatch> batches = new CopyOnWriteArrayList<>();
        try (LiveTail tail = liveTail.start("labels.marker:" + marker, batches::add)) {
            StringBuilder bulk = new StringBuilder();
            Instant now = Instant.now();
            event(bulk, marker + "-globex", now, "{\"organization\":{\"id\":\"globex\"},\"labels\":{\"marker\":\""
                    + marker + "\"}" + ingested(now) + "}");
            event(bulk, marker + "-acme", now.plusMillis(1), "{\"organization\":{\"id\":\"acme\"},\"labels\":"
                    + "{\"marker\":\"" + marker + "\"}" + ingested(now) + "}");
            bulk(bulk);
            assertThat(await(batches, 1)).containsExactly(marker + "-acme");
        }
    }

    @Test
    void entity_timeline_is_in_time_order_with_before_after_diffs() {
        String entity = "order-" + UUID.randomUUID();
        Instant start = Instant.now().minus(3, ChronoUnit.HOURS);
        StringBuilder bulk = new StringBuilder();
        // written out of order on purpose
        event(bulk, entity + "-2", start.plusSeconds(120), audit(entity, "order.shipped",
                "{\"status\":\"paid\",\"total\":10}", "{\"status\":\"shipped\",\"total\":10,\"carrier\":\"ups\"}"));
        event(bulk, entity + "-0", start, audit(entity, "order.created", "{}", "{\"status\":\"new\",\"total\":10}"));
        event(bulk, entity + "-1", start.plusSeconds(60), audit(entity, "order.paid",
                "{\"status\":\"new\",\"total\":10}", "{\"status\":\"paid\",\"total\":10}"));
        event(bulk, entity + "-other", start.plusSeconds(30), "{\"message\":\"unrelated\",\"audit\":{\"entity\":"
                + "{\"type\":\"invoice\",\"id\":\"" + entity + "\"}}}");
        bulk(bulk);

        List<TimelineEntry> timeline = explore.timeline(new EntityRef(EntityRef.Kind.ENTITY, "order", entity),
                search.range("now-1d", null)).entries();

        assertThat(timeline).extracting(e -> e.event().id())
                .containsExactly(entity + "-0", entity + "-1", entity + "-2");
        assertThat(timeline.get(1).changes()).containsExactly(
                new TimelineEntry.FieldChange("status", "new", "paid"));
        assertThat(timeline.get(2).changes()).containsExactly(
                new TimelineEntry.FieldChange("carrier", null, "ups"),
                new TimelineEntry.FieldChange("status", "paid", "shipped"));
    }

    @Test
    void trace_timeline_follows_one_trace_id() {
        String trace = UUID.randomUUID().toString();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
        StringBuilder bulk = new StringBuilder();
        for (int i = 4; i >= 0; i--) {
            event(bulk, trace + "-" + i, start.plusMillis(i * 10L), "{\"message\":\"step " + i + "\",\"trace\":{\"id\":\""
                    + trace + "\"}}");
        }
        bulk(bulk);
        List<TimelineEntry> timeline = explore.timeline(new EntityRef(EntityRef.Kind.TRACE, null, trace),
                search.range("now-1d", null)).entries();
        assertThat(timeline).extracting(e -> e.event().field("message"))
                .containsExactly("step 0", "step 1", "step 2", "step 3", "step 4");
    }

    @Test
    void timeline_orders_equal_timestamps_by_arrival_every_time() {
        String trace = UUID.randomUUID().toString();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        StringBuilder bulk = new StringBuilder();
        // one millisecond, received in the order 0..5, written to the index in another order
        for (int i : new int[] {3, 0, 5, 1, 4, 2}) {
            event(bulk, trace + "-" + i, at, "{\"message\":\"step " + i + "\",\"trace\":{\"id\":\"" + trace + "\"}"
                    + ingested(at.plusMillis(i)) + "}");
        }
        bulk(bulk);
        EntityRef ref = new EntityRef(EntityRef.Kind.TRACE, null, trace);
        for (int repeat = 0; repeat < 3; repeat++) {
            TimelinePage page = explore.timeline(ref, search.range("now-1d", null));
            assertThat(page.entries()).extracting(e -> e.event().field("message"))
                    .containsExactly("step 0", "step 1", "step 2", "step 3", "step 4", "step 5");
            assertThat(page.total()).isEqualTo(6);
            assertThat(page.hasNewer()).isFalse();
        }
    }

    @Test
    void long_timeline_says_how_many_and_pages_to_newer_events_without_gaps_or_repeats() {
        String trace = UUID.randomUUID().toString();
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        int events = 2_503;
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < events; i++) {
            // seven events per millisecond, so page boundaries fall inside a millisecond
            Instant at = start.plusMillis(i / 7);
            event(bulk, trace + "-" + i, at, "{\"message\":\"n" + i + "\",\"trace\":{\"id\":\"" + trace + "\"}"
                    + ingested(start.plusMillis(i)) + "}");
        }
        bulk(bulk);
        EntityRef ref = new EntityRef(EntityRef.Kind.TRACE, null, trace);
        TimeRange range = search.range("now-1d", null);
        TimelinePage first = explore.timeline(ref, range);
        assertThat(first.total()).isEqualTo(events);
        assertThat(first.entries()).hasSize(1000);
        assertThat(first.hasNewer()).isTrue();
        List<String> ids = new java.util.ArrayList<>(first.entries().stream().map(e -> e.event().id()).toList());
        TimelinePage page = first;
        while (page.hasNewer()) {
            page = explore.timeline(ref, range, page);
            assertThat(page.total()).isEqualTo(events);
            assertThat(page.offset()).isEqualTo(ids.size());
            page.entries().forEach(e -> ids.add(e.event().id()));
        }
        assertThat(ids).hasSize(events).doesNotHaveDuplicates()
                .isEqualTo(java.util.stream.IntStream.range(0, events).mapToObj(i -> trace + "-" + i).toList());
    }

    @Test
    void surrounding_events_come_from_the_same_host_in_time_order() {
        String host = "host-" + UUID.randomUUID();
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS);
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            event(bulk, host + "-" + i, start.plusSeconds(i), "{\"message\":\"line " + i + "\",\"host\":{\"name\":\""
                    + host + "\"}}");
        }
        event(bulk, host + "-elsewhere", start.plusSeconds(4), "{\"message\":\"other host\",\"host\":{\"name\":\"x-"
                + host + "\"}}");
        bulk(bulk);
        Surroundings around = explore.surroundings(host + "-4", 3).orElseThrow();
        assertThat(around.sharedField()).isEqualTo("host.name");
        assertThat(around.before()).extracting(FoundEvent::id).containsExactly(host + "-1", host + "-2", host + "-3");
        assertThat(around.anchor().id()).isEqualTo(host + "-4");
        assertThat(around.after()).extracting(FoundEvent::id).containsExactly(host + "-5", host + "-6", host + "-7");
    }

    @Test
    void saved_searches_are_per_user_unless_shared_with_a_role_or_everyone() {
        SavedSearch mine = saved.save("Errors in shop " + UUID.randomUUID(), "log.level:error AND service.name:shop",
                "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z", List.of("host.name"), Set.of(), false);
        SavedSearch forAnalysts = saved.save("For analysts " + UUID.randomUUID(), "service.name:auth", "now-1h", "",
                List.of(), Set.of(Roles.ANALYST), false);
        SavedSearch forEveryone = saved.save("Shared " + UUID.randomUUID(), "service.name:billing", "now-7d", "",
                List.of(), Set.of(), true);
        assertThat(saved.list()).contains(mine, forAnalysts, forEveryone);
        assertThat(mine.columns()).containsExactly("host.name");
        assertThatThrownBy(() -> saved.save("bad", "log.level:(error", "now-1h", "", List.of(), Set.of(), false))
                .isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> saved.save("bad role", "", "now-1h", "", List.of(), Set.of("PIRATE"), false))
                .isInstanceOf(QuerySyntaxException.class).hasMessageContaining("Unknown role");

        user("other-analyst", Roles.ANALYST);
        logInAs("other-analyst", Roles.ANALYST);
        assertThat(saved.list()).contains(forAnalysts, forEveryone).doesNotContain(mine);
        assertThatThrownBy(() -> saved.delete(forEveryone.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> saved.update(forEveryone.id(), "taken over", Set.of(), true))
                .isInstanceOf(AccessDeniedException.class);

        user("a-viewer", Roles.VIEWER);
        logInAs("a-viewer", Roles.VIEWER);
        assertThat(saved.list()).contains(forEveryone).doesNotContain(mine, forAnalysts);

        logInAs(TestUsers.ADMIN, Roles.ADMIN);
        SavedSearch renamed = saved.update(mine.id(), "Renamed " + mine.name(), Set.of(Roles.VIEWER), false);
        assertThat(renamed.query()).isEqualTo(mine.query());
        assertThat(renamed.columns()).isEqualTo(mine.columns());
        logInAs("a-viewer", Roles.VIEWER);
        assertThat(saved.list()).extracting(SavedSearch::name).contains(renamed.name()).doesNotContain(mine.name());

        logInAs(TestUsers.ADMIN, Roles.ADMIN);
        saved.delete(mine.id());
        saved.delete(forAnalysts.id());
        assertThat(saved.list()).extracting(SavedSearch::id).doesNotContain(mine.id(), forAnalysts.id())
                .contains(forEveryone.id());
    }

    @Test
    void history_keeps_recent_queries_without_repeats() {
        user("history-user", Roles.ANALYST);
        logInAs("history-user", Roles.ANALYST);
        saved.remember("first", "now-15m", "").join();
        saved.remember("second", "now-1h", "").join();
        saved.remember("first", "now-15m", "").join();
        assertThat(saved.history()).extracting(QueryHistoryEntry::query).containsExactly("first", "second");
        logInAs(TestUsers.ADMIN, Roles.ADMIN);
        assertThat(saved.history()).extracting(QueryHistoryEntry::query).doesNotContain("second");
    }

    private void user(String name, String role) {
        store.save(IndexNames.USERS, name, new io.logwarden.security.UserAccount(name, encoder.encode("x"),
                Set.of(role), null, true, Instant.now()));
    }

    private static String audit(String entity, String action, String before, String after) {
        return "{\"message\":\"" + action + "\",\"event\":{\"action\":\"" + action + "\"},\"audit\":{\"entity\":"
                + "{\"type\":\"order\",\"id\":\"" + entity + "\"},\"before\":" + before + ",\"after\":" + after + "}}";
    }

    /** A JSON fragment (to append inside an event object) setting {@code event.ingested}. */
    private static String ingested(Instant at) {
        return ",\"event\":{\"ingested\":\"" + at + "\"}";
    }

    private static void event(StringBuilder bulk, String id, Instant at, String json) {
        bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(at)).append("\",\"_id\":\"").append(id)
                .append("\"}}\n").append("{\"@timestamp\":\"").append(at).append("\",").append(json.substring(1))
                .append('\n');
    }

    private void bulk(StringBuilder bulk) {
        var response = elasticsearch.post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\"errors\":true");
    }

    /** Waits (bounded) until at least {@code count} events were delivered; returns their ids in delivery order. */
    private static List<String> await(List<TailBatch> batches, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (delivered(batches).size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        // one more poll interval, to see that nothing unexpected follows
        Thread.sleep(1500);
        return delivered(batches);
    }

    private static List<String> delivered(List<TailBatch> batches) {
        return batches.stream().flatMap(b -> b.events().stream()).map(FoundEvent::id).toList();
    }

    private static void logInAs(String user, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }
}
