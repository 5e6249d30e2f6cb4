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
                        + (i < 5 ? "error" : "info") + "\"},\"labels\":{\"marker\":\"" + marker + "\"}}");
            }
            bulk(bulk);
            List<String> delivered = await(batches, 5);
            assertThat(delivered).containsExactly(marker + "-0", marker + "-1", marker + "-2", marker + "-3",
                    marker + "-4");
            assertThat(batches).allSatisfy(b -> assertThat(b.error()).isNull());
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
                        + marker + "\"}}");
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
                    + marker + "\"}}");
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
                    + marker + "\"}}");
            event(bulk, marker + "-acme", now.plusMillis(1), "{\"organization\":{\"id\":\"acme\"},\"labels\":"
                    + "{\"marker\":\"" + marker + "\"}}");
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
                search.range("now-1d", null));

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
                search.range("now-1d", null));
        assertThat(timeline).extracting(e -> e.event().field("message"))
                .containsExactly("step 0", "step 1", "step 2", "step 3", "step 4");
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
    void saved_searches_are_per_user_unless_shared_and_history_keeps_recent_queries() {
        SavedSearch mine = saved.save("Errors in shop " + UUID.randomUUID(), "log.level:error AND service.name:shop",
                "now-24h", "", false);
        SavedSearch shared = saved.save("Shared " + UUID.randomUUID(), "service.name:billing", "now-7d", "", true);
        assertThat(saved.list()).contains(mine, shared);
        assertThatThrownBy(() -> saved.save("bad", "log.level:(error", "now-1h", "", false))
                .isInstanceOf(QuerySyntaxException.class);

        store.save(IndexNames.USERS, "other-analyst", new io.logwarden.security.UserAccount("other-analyst",
                encoder.encode("x"), Set.of(Roles.ANALYST), null, true, Instant.now()));
        logInAs("other-analyst", Roles.ANALYST);
        assertThat(saved.list()).contains(shared).doesNotContain(mine);
        assertThatThrownBy(() -> saved.delete(shared.id()))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        saved.remember("first", "now-15m", "");
        saved.remember("second", "now-1h", "");
        saved.remember("first", "now-15m", "");
        assertThat(saved.history()).extracting(QueryHistoryEntry::query).containsExactly("first", "second");

        logInAs(TestUsers.ADMIN, Roles.ADMIN);
        saved.delete(mine.id());
        assertThat(saved.list()).doesNotContain(mine);
        assertThat(saved.history()).extracting(QueryHistoryEntry::query).doesNotContain("second");
    }

    private static String audit(String entity, String action, String before, String after) {
        return "{\"message\":\"" + action + "\",\"event\":{\"action\":\"" + action + "\"},\"audit\":{\"entity\":"
                + "{\"type\":\"order\",\"id\":\"" + entity + "\"},\"before\":" + before + ",\"after\":" + after + "}}";
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
