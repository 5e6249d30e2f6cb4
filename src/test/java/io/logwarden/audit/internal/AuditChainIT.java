package io.logwarden.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.ChainVerification;
import io.logwarden.storage.AuditTrailStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestIndices;
import io.logwarden.testsupport.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The hash chain against real Elasticsearch: appends, tampering, deletion, and two writers racing. */
@LogwardenIntegrationTest
class AuditChainIT {

    @Autowired
    AuditTrailStore store;
    @Autowired
    ElasticsearchClient client;
    @LocalServerPort
    int port;

    private AuditChain chainOn(LocalDate day) {
        return new AuditChain(store, Clock.fixed(day.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static String index(LocalDate day) {
        return IndexNames.daily(IndexNames.AUDIT, day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private void appendRecords(LocalDate day, int count) {
        reset(day);
        AuditChain chain = chainOn(day);
        for (int i = 1; i <= count; i++) {
            chain.append(new AuditEntry("user.update", null, null, "alice", "10.1.2.3", "user", "bob-" + i,
                    Map.of("roles", List.of("VIEWER"), "attempt", i, "ratio", 0.5, "note", "ünïcode \"quoted\"\n")));
        }
    }

    /** A fresh day, also when the test Elasticsearch outlives one run (ES_URL). */
    private void reset(LocalDate day) {
        TestIndices.deleteIfExists(client, index(day));
    }

    @Test
    void appended_records_link_by_sequence_and_hash() {
        LocalDate day = LocalDate.parse("2017-01-02");
        appendRecords(day, 5);

        List<AuditTrailStore.StoredRecord> records = new ArrayList<>();
        store.forEachInSequence(index(day), records::add);
        assertThat(records).hasSize(5);
        Map<?, ?> first = (Map<?, ?>) records.get(0).source().get("chain");
        Map<?, ?> second = (Map<?, ?>) records.get(1).source().get("chain");
        assertThat(first.get("previous_hash")).isEqualTo(ChainHash.GENESIS);
        assertThat(second.get("previous_hash")).isEqualTo(first.get("hash"));
        assertThat(second.get("sequence")).isEqualTo(2);
        assertThat(records.get(0).source()).containsEntry("@timestamp", "2017-01-02T10:00:00Z");

        ChainVerification result = chainOn(day).verify(day, day);
        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(5);
    }

    @Test
    void verify_reports_the_first_altered_record() throws IOException {
        LocalDate day = LocalDate.parse("2017-01-03");
        appendRecords(day, 6);
        client.update(u -> u.index(index(day)).id(ChainHash.id(3)).doc(Map.of("message", "nothing to see"))
                .refresh(Refresh.True), Map.class);
        client.update(u -> u.index(index(day)).id(ChainHash.id(5)).doc(Map.of("user", Map.of("name", "mallory")))
                .refresh(Refresh.True), Map.class);

        ChainVerification result = chainOn(day).verify(day.minusDays(1), day);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenLink().day()).isEqualTo(day);
        assertThat(result.firstBrokenLink().sequence()).isEqualTo(3);
        assertThat(result.firstBrokenLink().reason()).contains("altered");
    }

    @Test
    void verify_reports_a_deleted_record_and_a_rehashed_forgery() throws IOException {
        LocalDate day = LocalDate.parse("2017-01-04");
        appendRecords(day, 4);
        client.delete(d -> d.index(index(day)).id(ChainHash.id(2)).refresh(Refresh.True));
        assertThat(chainOn(day).verify(day, day).firstBrokenLink().reason()).contains("record 2 is missing");

        LocalDate other = LocalDate.parse("2017-01-05");
        appendRecords(other, 4);
        // a forger who recomputes the altered record's own hash still breaks the next link
        Map<String, Object> forged = new java.util.LinkedHashMap<>(store.get(index(other), ChainHash.id(2)).orElseThrow());
        forged.put("message", "forged");
        Map<String, Object> chain = new java.util.LinkedHashMap<>((Map<String, Object>) forged.get("chain"));
        forged.put("chain", chain);
        chain.put("hash", ChainHash.of(forged));
        client.index(i -> i.index(index(other)).id(ChainHash.id(2)).document(forged).refresh(Refresh.True));

        ChainVerification.BrokenLink broken = chainOn(other).verify(other, other).firstBrokenLink();
        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.reason()).contains("previous_hash");
    }

    @Test
    void two_writers_racing_never_fork_the_chain() throws Exception {
        LocalDate day = LocalDate.parse("2017-01-06");
        reset(day);
        AuditChain instanceA = chainOn(day);
        AuditChain instanceB = chainOn(day);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (AuditChain instance : List.of(instanceA, instanceB)) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        instance.append(AuditEntry.of("config.change", "setting-" + i, Map.of("by", instance.hashCode())));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        ChainVerification result = instanceA.verify(day, day);
        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(30);
    }

    @Test
    void rest_verify_reports_the_broken_link_to_an_admin() throws IOException {
        LocalDate day = LocalDate.parse("2017-01-07");
        appendRecords(day, 3);
        HttpTestClient http = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        HttpResponse<String> intact = http.get("/api/v1/audit/verify?from=2017-01-07&to=2017-01-07",
                TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(intact.statusCode()).isEqualTo(200);
        assertThat(intact.body()).contains("\"intact\":true").contains("\"recordsChecked\":3");

        client.update(u -> u.index(index(day)).id(ChainHash.id(2)).doc(Map.of("details", Map.of("roles", "ADMIN")))
                .refresh(Refresh.True), Map.class);
        HttpResponse<String> broken = http.get("/api/v1/audit/verify?from=2017-01-06&to=2017-01-07",
                TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(broken.body()).contains("\"intact\":false").contains("\"day\":\"2017-01-07\"")
                .contains("\"sequence\":2");
    }

    @Test
    void rest_verify_refuses_anonymous_callers_and_bad_dates() {
        HttpTestClient http = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        assertThat(http.get("/api/v1/audit/verify").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/audit/verify?from=yesterday", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .statusCode()).isEqualTo(400);
    }

    /** A real store that refuses the first {@code failures} appends, as an unreachable Elasticsearch would. */
    private static final class FlakyStore implements AuditTrailStore {
        private final AuditTrailStore delegate;
        private final java.util.concurrent.atomic.AtomicInteger failures;

        FlakyStore(AuditTrailStore delegate, int failures) {
            this.delegate = delegate;
            this.failures = new java.util.concurrent.atomic.AtomicInteger(failures);
        }

        @Override
        public boolean create(String index, String id, Map<String, Object> record) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("injected: Elasticsearch unreachable");
            }
            return delegate.create(index, id, record);
        }

        @Override
        public java.util.Optional<Map<String, Object>> get(String index, String id) {
            return delegate.get(index, id);
        }

        @Override
        public java.util.OptionalLong highestSequence(String index) {
            return delegate.highestSequence(index);
        }

        @Override
        public void forEachInSequence(String index, java.util.function.Consumer<StoredRecord> consumer) {
            delegate.forEachInSequence(index, consumer);
        }
    }

    private static io.logwarden.audit.AuditProperties writerProperties() {
        return new io.logwarden.audit.AuditProperties(10_000, Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofMillis(20));
    }

    @Test
    void concurrent_recorders_get_one_unbroken_chain_in_each_recorders_order() throws Exception {
        LocalDate day = LocalDate.parse("2017-01-08");
        reset(day);
        AuditWriter writer = new AuditWriter(chainOn(day), writerProperties(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        int threads = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        writer.submit(AuditEntry.of("search.search", null, Map.of("thread", thread, "i", i)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(writer.flush(Duration.ofSeconds(120))).isTrue();
        } finally {
            pool.shutdown();
            writer.destroy();
        }

        ChainVerification result = chainOn(day).verify(day, day);
        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(threads * each);
        Map<Long, Long> lastSeen = new java.util.HashMap<>();
        store.forEachInSequence(index(day), record -> {
            Map<?, ?> details = (Map<?, ?>) record.source().get("details");
            long thread = ((Number) details.get("thread")).longValue();
            long i = ((Number) details.get("i")).longValue();
            assertThat(i).as("thread %d kept its order", thread).isEqualTo(lastSeen.getOrDefault(thread, -1L) + 1);
            lastSeen.put(thread, i);
        });
    }

    @Test
    void the_writer_retries_failed_appends_in_order_and_shutdown_writes_the_queue() throws Exception {
        LocalDate day = LocalDate.parse("2017-01-09");
        reset(day);
        AuditChain flaky = new AuditChain(new FlakyStore(store, 3),
                Clock.fixed(day.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        AuditWriter writer = new AuditWriter(flaky, writerProperties(), meters);
        java.util.concurrent.CompletableFuture<Void> first = writer.submit(AuditEntry.of("user.update", "u-0",
                Map.of("n", 0)));
        for (int n = 1; n < 25; n++) {
            writer.submit(AuditEntry.of("user.update", "u-" + n, Map.of("n", n)));
        }
        // returned at once; the failing store holds the records back, counted, until it recovers
        writer.destroy();

        assertThat(first).isCompleted();
        assertThat(meters.get("logwarden.audit.append.failures").counter().count()).isEqualTo(3);
        assertThat(meters.get("logwarden.audit.appended").counter().count()).isEqualTo(25);
        assertThat(writer.failingSince()).isNull();
        ChainVerification result = chainOn(day).verify(day, day);
        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(25);
        List<Long> order = new ArrayList<>();
        store.forEachInSequence(index(day), r -> order.add(((Number) ((Map<?, ?>) r.source().get("details"))
                .get("n")).longValue()));
        assertThat(order).isSorted().hasSize(25);
    }

    @Test
    void the_writer_picks_up_records_on_its_own_schedule_and_at_once_for_a_caller_that_waits() throws Exception {
        LocalDate day = LocalDate.parse("2017-01-10");
        reset(day);
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        Duration hour = Duration.ofHours(1);
        AuditWriter slow = new AuditWriter(chainOn(day), new io.logwarden.audit.AuditProperties(10_000,
                Duration.ofSeconds(5), Duration.ofSeconds(60), hour), meters);
        try {
            Thread.sleep(200); // the new writer finds its queue empty and goes to sleep for the hour
            // queueing does not wake it...
            var queued = slow.submit(AuditEntry.of("search.search", null, Map.of("n", 1)));
            Thread.sleep(300);
            assertThat(queued).isNotDone();
            assertThat(slow.pending()).isEqualTo(1);
            // ...a caller waiting for its record does, and everything queued before it is written first
            var durable = slow.submitAndWake(AuditEntry.of("user.update", "u-1", Map.of("n", 2)));
            durable.get(10, TimeUnit.SECONDS);
            assertThat(queued).isCompleted();
            slow.submit(AuditEntry.of("search.search", null, Map.of("n", 3)));
            assertThat(slow.flush(Duration.ofSeconds(10))).isTrue();
        } finally {
            slow.destroy();
        }
        assertThat(meters.get("logwarden.audit.appended").counter().count()).isEqualTo(3);

        AuditWriter regular = new AuditWriter(chainOn(day), writerProperties(), meters);
        try {
            regular.submit(AuditEntry.of("search.search", null, Map.of("n", 4)))
                    .get(10, TimeUnit.SECONDS);
        } finally {
            regular.destroy();
        }
        ChainVerification result = chainOn(day).verify(day, day);
        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(4);
    }
}
