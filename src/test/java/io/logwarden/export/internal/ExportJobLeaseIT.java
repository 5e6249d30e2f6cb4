package io.logwarden.export.internal;

import static io.logwarden.export.internal.ExportTestData.BIG_DAY;
import static io.logwarden.export.internal.ExportTestData.ROWS_PER_DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.export.AuditRecords;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportSource;
import io.logwarden.export.ExportState;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Several application instances against one Elasticsearch, simulated by several runners with their own instance ids
 * in one JVM (the real child-JVM restart is {@code ExportRestartIT}): one job never runs twice, a cancel reaches the
 * instance running the job, a dead instance's job is taken over, and a temporary Elasticsearch failure pauses the
 * job and continues it from its last checkpoint.
 */
@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportJobLeaseIT {

    static final CurrentUser ADMIN = new CurrentUser("admin", Set.of(Roles.ADMIN), AccessScope.EVERYTHING, true);

    @Autowired
    RestClient rest;
    @Autowired
    ExportJobStore store;
    @Autowired
    EventScanner scanner;
    @Autowired
    ExportFiles files;
    @Autowired
    ExportFinisher finisher;
    @Autowired
    RowMasking masking;
    @Autowired
    ExportMetrics metrics;
    @Autowired
    ExportProperties defaults;
    @Autowired
    ExportJobRunner appRunner;
    @Autowired
    ExportAuditor auditor;
    @Autowired
    ManifestSigner signer;
    @Autowired
    ObjectProvider<Clock> clock;

    final List<ExportJobRunner> runners = new ArrayList<>();

    @BeforeAll
    void load() {
        ExportTestData.load(rest);
    }

    @AfterEach
    void stopRunners() throws InterruptedException {
        appRunner.pageHook = ExportJobRunner.PageHook.NONE;
        for (ExportJobRunner runner : runners) {
            runner.stop();
        }
        runners.clear();
    }

    @Test
    void of_two_claims_on_the_same_version_exactly_one_wins() {
        ExportJobRunner a = runner("claim-a", Duration.ofMinutes(1));
        ExportJobRunner b = runner("claim-b", Duration.ofMinutes(1));
        // held by an instance that is not sweeping, so only the two claims below touch it
        ExportJob job = queued("claim", false, ExportFormat.CSV)
                .withLease(new io.logwarden.export.JobLease("elsewhere", Instant.now().plusSeconds(600)));
        store.create(job);
        ExportJobStore.Stored read = store.get(job.id()).orElseThrow();

        Optional<ExportJobStore.Stored> first = a.claim(read);
        Optional<ExportJobStore.Stored> second = b.claim(read);

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(store.find(job.id()).orElseThrow().lease().owner()).isEqualTo("claim-a");
        finisher.cancel(store.get(job.id()).orElseThrow(), job);
    }

    @Test
    void several_instances_sweeping_at_once_run_a_job_exactly_once() throws Exception {
        Map<String, AtomicInteger> pagesByInstance = new ConcurrentHashMap<>();
        List<ExportJobRunner> instances = List.of(runner("sweep-a", Duration.ofMinutes(1)),
                runner("sweep-b", Duration.ofMinutes(1)), runner("sweep-c", Duration.ofMinutes(1)));
        ExportJob job = queued("sweep", false, ExportFormat.CSV);
        for (ExportJobRunner instance : List.of(instances.get(0), instances.get(1), instances.get(2), appRunner)) {
            instance.pageHook = (running, pages) -> {
                if (running.id().equals(job.id())) {
                    pagesByInstance.computeIfAbsent(instance.instanceId, k -> new AtomicInteger()).incrementAndGet();
                }
            };
        }
        store.create(job);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> sweepers = new ArrayList<>();
        for (ExportJobRunner instance : instances) {
            sweepers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    instance.sweep();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread sweeper : sweepers) {
            sweeper.join();
        }
        ExportJob done = awaitFinished(job.id());

        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.rows()).isEqualTo(ROWS_PER_DAY);
        assertThat(pagesByInstance).as("pages written per instance").hasSize(1);
        assertThat(pagesByInstance.values().iterator().next().get()).isEqualTo(ROWS_PER_DAY / 1000 + 1);
        assertThat(distinctRows(done)).isEqualTo(ROWS_PER_DAY);
    }

    @Test
    void a_cancel_on_another_instance_stops_the_job_where_it_runs() {
        ExportJobRunner owner = runner("cancel-owner", Duration.ofMinutes(1));
        AtomicInteger pages = new AtomicInteger();
        owner.pageHook = (job, page) -> {
            pages.incrementAndGet();
            pause(100);
        };
        ExportJob job = queued("cancel", true, ExportFormat.CSV);
        owner.submit(job);
        await().atMost(Duration.ofMinutes(1)).until(() -> pages.get() >= 3);
        ExportJobRunner other = runner("cancel-other", Duration.ofMinutes(1));
        DefaultExportOperations otherInstance = new DefaultExportOperations(store, other, files, signer, finisher,
                auditor, clock);
        CurrentUser officer = new CurrentUser("cancelling-officer", Set.of(Roles.COMPLIANCE), AccessScope.EVERYTHING,
                true);

        ExportJob requested = otherInstance.cancel(job.id(), officer);
        ExportJob done = awaitFinished(job.id());

        assertThat(requested.cancelRequested()).isTrue();
        assertThat(done.state()).isEqualTo(ExportState.CANCELED);
        assertThat(pages.get()).as("stopped long before the end").isLessThan(ROWS_PER_DAY / 1000);
        assertThat(files.data(done)).doesNotExist();
        assertThat(AuditRecords.await(rest, "export.cancel", job.id()).getFirst().path("user").path("name")
                .asString()).isEqualTo("cancelling-officer");
        assertThat(AuditRecords.await(rest, "export", job.id()).getFirst().path("audit").path("status")
                .asString()).isEqualTo("canceled");
    }

    @Test
    void a_job_whose_instance_died_is_taken_over_from_its_last_checkpoint() throws Exception {
        ExportJobRunner dying = runner("dying", Duration.ofSeconds(2));
        AtomicBoolean died = new AtomicBoolean();
        dying.pageHook = (job, pages) -> {
            if (pages == 7) {
                died.set(true);
                throw new SimulatedCrash();
            }
        };
        ExportJob job = queued("takeover", true, ExportFormat.CSV);
        dying.submit(job);
        // the crash is uncaught on the dying runner's thread, as intended: not a failure of this test
        await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(2)).untilTrue(died);
        ExportJob interrupted = store.find(job.id()).orElseThrow();
        assertThat(interrupted.state()).isEqualTo(ExportState.RUNNING);
        assertThat(interrupted.rows()).as("the last checkpoint, after page 6").isEqualTo(6000);
        assertThat(interrupted.lease().owner()).isEqualTo("dying");

        ExportJobRunner survivor = runner("survivor", Duration.ofMinutes(1));
        await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    survivor.sweep();
                    return ExportTestData.finished(store, job.id());
                });
        ExportJob done = awaitFinished(job.id());

        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.restarts()).isEqualTo(1);
        assertThat(done.rows()).isEqualTo(ROWS_PER_DAY);
        assertThat(distinctRows(done)).isEqualTo(ROWS_PER_DAY);
        assertThat(signer.signatureValid(done.manifest())).isTrue();
    }

    @Test
    void a_temporary_elasticsearch_failure_pauses_the_job_and_it_continues_from_the_last_checkpoint()
            throws IOException {
        ExportJobRunner instance = runner("flaky", Duration.ofMinutes(1));
        AtomicBoolean failed = new AtomicBoolean();
        instance.pageHook = (job, pages) -> {
            if (pages == 5 && failed.compareAndSet(false, true)) {
                throw new StorageUnavailableException("connection refused (simulated)", "wait", null);
            }
        };
        List<ExportState> seen = new CopyOnWriteArrayList<>();
        instance.subscribe(j -> seen.add(j.state()));
        ExportJob job = queued("flaky", true, ExportFormat.NDJSON);
        instance.submit(job);

        ExportJob done = awaitFinished(job.id());

        assertThat(failed).isTrue();
        assertThat(seen).contains(ExportState.PAUSED);
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.restarts()).isEqualTo(1);
        assertThat(done.rows()).isEqualTo(ROWS_PER_DAY);
        List<String> lines = ExportTestData.lines(files.data(done), true);
        Set<String> traces = new HashSet<>();
        lines.forEach(l -> traces.add(l.replaceAll(".*\"trace\\.id\":\"([^\"]+)\".*", "$1")));
        assertThat(lines).hasSize(ROWS_PER_DAY);
        assertThat(traces).hasSize(ROWS_PER_DAY);
    }

    private ExportJobRunner runner(String instance, Duration lease) {
        ExportJobRunner runner = ExportTestData.runner(instance, store, scanner, files, finisher, masking, metrics,
                ExportTestData.everyPage(defaults, 1000, lease));
        runners.add(runner);
        return runner;
    }

    private static ExportJob queued(String name, boolean gzip, ExportFormat format) {
        ExportRequest request = new ExportRequest("", BIG_DAY, BIG_DAY.plus(1, ChronoUnit.DAYS),
                List.of("trace.id", "message"), format, gzip);
        return ExportJob.queued(ExportTestData.id(name), ExportJob.PURPOSE_SEARCH, ADMIN, request,
                ExportSource.search(List.of(IndexNames.EVENTS_ALIAS), List.of("message", "error.message"), false),
                Instant.now());
    }

    private long distinctRows(ExportJob done) throws IOException {
        List<String> lines = ExportTestData.lines(files.data(done), done.request().gzip());
        assertThat(lines.getFirst()).isEqualTo("trace.id,message");
        Set<String> ids = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            ids.add(line.substring(0, line.indexOf(',')));
        }
        assertThat(lines).hasSize(ids.size() + 1);
        return ids.size();
    }

    private ExportJob awaitFinished(String id) {
        await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> ExportTestData.finished(store, id));
        return store.find(id).orElseThrow();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown by the page hook: an Error, so the runner does not handle it, as if the process died. */
    static final class SimulatedCrash extends Error {
    }
}
