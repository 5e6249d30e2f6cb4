package io.logwarden.export.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportService;
import io.logwarden.export.ExportState;
import io.logwarden.export.ManifestVerification;
import io.logwarden.export.TestEvents;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.IndexNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIT {

    static final Instant BIG_DAY = Instant.parse("2019-03-01T00:00:00Z");
    static final int BIG_DAYS = 4;
    static final int ROWS_PER_DAY = 50_000;
    static final Instant SMALL_DAY = Instant.parse("2019-04-01T00:00:00Z");

    @Autowired
    RestClient rest;
    @Autowired
    ExportService exports;
    @Autowired
    DocumentStore documents;
    @Autowired
    ExportJobStore store;
    @Autowired
    EventScanner scanner;
    @Autowired
    ExportFiles files;
    @Autowired
    ManifestSigner signer;
    @Autowired
    ExportAuditor auditor;
    @Autowired
    RowMasking masking;
    @Autowired
    ExportProperties properties;
    @Autowired
    ObjectProvider<Clock> clock;
    @Autowired
    ExportExpiry expiry;

    @BeforeAll
    void loadEvents() {
        for (int day = 0; day < BIG_DAYS; day++) {
            Instant start = BIG_DAY.plus(day, ChronoUnit.DAYS);
            String index = IndexNames.eventsIndex(start);
            if (TestEvents.count(rest, index) == ROWS_PER_DAY) {
                continue;
            }
            List<Map.Entry<String, Map<String, Object>>> docs = new ArrayList<>(ROWS_PER_DAY);
            for (int i = 0; i < ROWS_PER_DAY; i++) {
                String trace = "row-" + day + "-" + i;
                // several rows share each millisecond, so the tiebreaker matters
                Instant t = start.plusMillis(i / 3 * 1000L);
                docs.add(Map.entry(trace, TestEvents.event(t, trace, "org-" + (i % 2), "svc", "u" + (i % 100),
                        "u" + (i % 100) + "@example.com", "message " + i)));
            }
            TestEvents.load(rest, index, docs);
        }
        List<Map.Entry<String, Map<String, Object>>> small = new ArrayList<>();
        String[] messages = {"=cmd|' /C calc'!A0", "+41 22", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR",
                "plain, with \"quotes\""};
        for (int i = 0; i < messages.length; i++) {
            small.add(Map.entry("small-" + i, TestEvents.event(SMALL_DAY.plusSeconds(i), "small-" + i,
                    i % 2 == 0 ? "org-even" : "org-odd", "svc-small", "person-" + i, "person" + i + "@example.com",
                    messages[i])));
        }
        TestEvents.load(rest, IndexNames.eventsIndex(SMALL_DAY), small);
        documents.save(IndexNames.USERS, "exp-compliance", new UserAccount("exp-compliance", "{noop}x",
                Set.of(Roles.COMPLIANCE), new AccessScope(Set.of("org-even"), Set.of(), Set.of()), true,
                Instant.now()));
        documents.save(IndexNames.USERS, "exp-analyst", new UserAccount("exp-analyst", "{noop}x",
                Set.of(Roles.ANALYST), null, true, Instant.now()));
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void exports_200000_rows_exactly_once_matching_the_count() throws IOException {
        login("admin", Roles.ADMIN);
        Instant to = BIG_DAY.plus(BIG_DAYS, ChronoUnit.DAYS);
        ExportJob job = exports.submit(new ExportRequest("", BIG_DAY, to, List.of("trace.id", "@timestamp",
                "organization.id"), ExportFormat.CSV, false));

        ExportJob done = awaitFinished(job.id());

        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        long expected = (long) BIG_DAYS * ROWS_PER_DAY;
        assertThat(done.rows()).isEqualTo(expected);
        assertThat(done.totalRows()).isEqualTo(expected);
        Set<String> ids = new HashSet<>();
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(files.data(done))) {
            // the header is neutralised like every other cell: "@timestamp" starts with '@'
            assertThat(reader.readLine()).isEqualTo("trace.id,\"'@timestamp\",organization.id");
            for (String line; (line = reader.readLine()) != null; ) {
                lines++;
                ids.add(line.substring(0, line.indexOf(',')));
            }
        }
        assertThat(lines).isEqualTo(expected);
        assertThat(ids).hasSize((int) expected);
        assertThat(exports.verify(done.id()).valid()).isTrue();
    }

    @Test
    void restart_mid_export_resumes_from_the_last_checkpoint_without_duplicates() throws IOException {
        ExportProperties everyPage = new ExportProperties(properties.fileRetention(), 1000,
                properties.pointInTimeKeepAlive(), Duration.ZERO, 1, null, null, properties.cleanupInterval());
        ExportJobRunner crashing = new ExportJobRunner(store, scanner, files, signer, auditor, masking,
                everyPage, clock);
        AtomicBoolean crashed = new AtomicBoolean();
        crashing.pageHook = (job, pages) -> {
            if (pages == 7) {
                crashed.set(true);
                throw new SimulatedCrash();
            }
        };
        CurrentUser admin = new CurrentUser("admin", Set.of(Roles.ADMIN), AccessScope.EVERYTHING, true);
        ExportRequest request = new ExportRequest("", BIG_DAY, BIG_DAY.plus(1, ChronoUnit.DAYS),
                List.of("trace.id", "message"), ExportFormat.CSV, true);
        ExportJob job = new ExportJob("resume-" + System.nanoTime(), ExportState.QUEUED, ExportJob.PURPOSE_SEARCH,
                admin, request, List.of(IndexNames.EVENTS_ALIAS), Map.of(), Instant.now(), null, 0, null, null, 0,
                -1, 0, null, List.of(), 0, null, null);
        crashing.submit(job);
        await().atMost(Duration.ofMinutes(2)).dontCatchUncaughtExceptions().untilTrue(crashed);
        ExportJob interrupted = store.find(job.id()).orElseThrow();
        assertThat(interrupted.state()).isEqualTo(ExportState.RUNNING);
        assertThat(interrupted.rows()).as("the last checkpoint, after page 6").isEqualTo(6000);
        assertThat(interrupted.pitId()).isNotNull();
        try {
            crashing.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        ExportJobRunner restarted = new ExportJobRunner(store, scanner, files, signer, auditor, masking,
                everyPage, clock);
        restarted.resumeUnfinished();
        ExportJob done = awaitFinished(job.id());

        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.restarts()).isEqualTo(1);
        assertThat(done.rows()).isEqualTo(ROWS_PER_DAY);
        List<String> lines = gunzipLines(files.data(done));
        assertThat(lines.getFirst()).isEqualTo("trace.id,message");
        Set<String> ids = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            ids.add(line.substring(0, line.indexOf(',')));
        }
        assertThat(lines).hasSize(ROWS_PER_DAY + 1);
        assertThat(ids).hasSize(ROWS_PER_DAY);
        assertThat(signer.signatureValid(signer.fromJson(Files.readAllBytes(files.manifest(done))))).isTrue();
    }

    @Test
    void applies_scope_masks_pii_and_neutralises_csv_formulas() throws IOException {
        CurrentUser masked = new CurrentUser("exp-masked", Set.of(Roles.COMPLIANCE),
                new AccessScope(Set.of("org-even"), Set.of(), Set.of()), false);
        ExportJob job = runDirect(masked, new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id", "organization.id", "user.email", "user.id", "message"), ExportFormat.CSV, false));

        List<String> lines = Files.readAllLines(files.data(job));
        assertThat(lines.getFirst()).isEqualTo("trace.id,organization.id,user.email,user.id,message");
        // rows 0, 2, 4, 6 are org-even; 6 contains a quoted comma, 4 a tab, 2 a leading minus, 0 a formula
        // masked as in the UI: the email keeps its first letter and domain, the user id is replaced
        assertThat(String.join("\n", lines)).doesNotContain("org-odd").doesNotContain("person0@")
                .doesNotContain("person-");
        assertThat(lines).contains(
                "small-0,org-even,p***@example.com,***,\"'=cmd|' /C calc'!A0\"",
                "small-2,org-even,p***@example.com,***,\"'-2+3\"",
                "small-4,org-even,p***@example.com,***,\"'\tTAB\"",
                "small-6,org-even,p***@example.com,***,\"plain, with \"\"quotes\"\"\"");
        assertThat(lines).hasSize(5);
        assertThat(job.rows()).isEqualTo(4);
    }

    @Test
    void service_applies_the_callers_scope_captured_at_submission() throws IOException {
        login("exp-compliance", Roles.COMPLIANCE);
        ExportJob job = exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of(), ExportFormat.NDJSON, false));
        SecurityContextHolder.clearContext();
        ExportJob done = awaitFinished(job.id());

        List<String> lines = Files.readAllLines(files.data(done));
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).contains("\"org-even\"")
                .contains("@example.com"));
    }

    @Test
    void roles_without_export_permission_are_refused() {
        login("exp-analyst", Roles.ANALYST);
        assertThatThrownBy(() -> exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(60),
                List.of("message"), ExportFormat.CSV, false))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> exports.jobs()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void verify_fails_after_one_byte_of_the_file_changes() throws IOException {
        login("admin", Roles.ADMIN);
        ExportJob job = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id", "message"), ExportFormat.CSV, false)).id());
        assertThat(exports.verify(job.id()).valid()).isTrue();

        Path file = files.data(job);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(10);
            int b = raf.read();
            raf.seek(10);
            raf.write(b ^ 0x01);
        }
        ManifestVerification verification = exports.verify(job.id());

        assertThat(verification.valid()).isFalse();
        assertThat(verification.fileIntact()).isFalse();
        assertThat(verification.signatureValid()).isTrue();
        assertThat(verification.actualSha256()).isNotEqualTo(verification.expectedSha256());
    }

    @Test
    void verify_fails_when_the_manifest_is_edited() throws IOException {
        login("admin", Roles.ADMIN);
        ExportJob job = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id"), ExportFormat.CSV, false)).id());
        Path manifest = files.manifest(job);
        String original = Files.readString(manifest);
        String edited = original.replaceFirst("\"rowCount\"\\s*:\\s*7", "\"rowCount\": 6");
        assertThat(edited).isNotEqualTo(original);
        Files.writeString(manifest, edited);

        ManifestVerification verification = exports.verify(job.id());

        assertThat(verification.signatureValid()).isFalse();
        assertThat(verification.valid()).isFalse();
    }

    @Test
    void writes_a_readable_xlsx_workbook() throws IOException {
        login("admin", Roles.ADMIN);
        ExportJob job = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id", "message"), ExportFormat.XLSX, false)).id());

        assertThat(job.rows()).isEqualTo(7);
        try (ZipFile zip = new ZipFile(files.data(job).toFile())) {
            assertThat(zip.getEntry("xl/worksheets/sheet1.xml")).isNotNull();
            String shared = new String(zip.getInputStream(zip.getEntry("xl/sharedStrings.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(shared).contains("small-6").contains("trace.id");
        }
    }

    @Test
    void deletes_files_whose_retention_has_passed_and_keeps_the_record() {
        CurrentUser admin = new CurrentUser("admin", Set.of(Roles.ADMIN), AccessScope.EVERYTHING, true);
        ExportJob job = runDirect(admin, new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id"), ExportFormat.CSV, false));
        assertThat(files.data(job)).exists();
        store.save(new ExportJob(job.id(), job.state(), job.purpose(), job.submittedBy(), job.request(),
                job.indices(), job.anyOfTerms(), job.createdAt(), job.startedAt(), job.runStartRows(),
                job.finishedAt(), Instant.now().minusSeconds(1), job.rows(), job.totalRows(), job.bytes(), null,
                List.of(), job.restarts(), job.sha256(), null));

        assertThat(expiry.expire()).isGreaterThanOrEqualTo(1);

        assertThat(files.data(job)).doesNotExist();
        assertThat(files.manifest(job)).doesNotExist();
        assertThat(store.find(job.id()).orElseThrow().state()).isEqualTo(ExportState.EXPIRED);
    }

    private ExportJob runDirect(CurrentUser user, ExportRequest request) {
        ExportJobRunner runner = new ExportJobRunner(store, scanner, files, signer, auditor, masking,
                properties, clock);
        ExportJob job = new ExportJob("direct-" + System.nanoTime(), ExportState.QUEUED, ExportJob.PURPOSE_SEARCH,
                user, request, List.of(IndexNames.EVENTS_ALIAS), Map.of(), Instant.now(), null, 0, null, null, 0,
                -1, 0, null, List.of(), 0, null, null);
        runner.submit(job);
        ExportJob done = awaitFinished(job.id());
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        return done;
    }

    private ExportJob awaitFinished(String id) {
        await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> store.find(id).map(j -> j.state().finished()).orElse(false));
        return store.find(id).orElseThrow();
    }

    private static List<String> gunzipLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static void login(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    /** Thrown by the page hook: an Error, so the runner does not handle it, as if the process died. */
    static final class SimulatedCrash extends Error {
    }
}
