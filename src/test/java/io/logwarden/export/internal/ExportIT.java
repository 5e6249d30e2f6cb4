package io.logwarden.export.internal;

import static io.logwarden.export.internal.ExportTestData.BIG_DAY;
import static io.logwarden.export.internal.ExportTestData.BIG_DAYS;
import static io.logwarden.export.internal.ExportTestData.ROWS_PER_DAY;
import static io.logwarden.export.internal.ExportTestData.SMALL_DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logwarden.export.AuditRecords;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportNotFoundException;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportService;
import io.logwarden.export.ExportState;
import io.logwarden.export.ManifestVerification;
import io.logwarden.search.QuerySyntaxException;
import io.logwarden.search.SearchService;
import io.logwarden.search.TimeRange;
import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIT {

    /** Default-field term, boolean operators, a field group and a wildcard: not the empty query. */
    static final String QUERY = "(message OR \"no such phrase\") AND NOT user.id:(u7 OR u13) AND organization.id:org-*";

    @Autowired
    RestClient rest;
    @Autowired
    ExportService exports;
    @Autowired
    SearchService search;
    @Autowired
    DocumentStore documents;
    @Autowired
    ExportJobStore store;
    @Autowired
    ExportFiles files;
    @Autowired
    ExportExpiry expiry;
    @Autowired
    DefaultExportOperations operations;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void loadEvents() {
        ExportTestData.load(rest);
        documents.save(IndexNames.USERS, "exp-compliance", new UserAccount("exp-compliance", "{noop}x",
                Set.of(Roles.COMPLIANCE), new AccessScope(Set.of("org-even"), Set.of(), Set.of()), true,
                Instant.now()));
        documents.save(IndexNames.USERS, "exp-officer", new UserAccount("exp-officer", "{noop}x",
                Set.of(Roles.COMPLIANCE), null, true, Instant.now()));
        documents.save(IndexNames.USERS, "exp-analyst", new UserAccount("exp-analyst", "{noop}x",
                Set.of(Roles.ANALYST), null, true, Instant.now()));
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void exports_the_rows_of_a_non_trivial_query_over_200000_events_exactly_as_search_and_elasticsearch_count_them()
            throws IOException {
        login("admin", Roles.ADMIN);
        Instant to = BIG_DAY.plus(BIG_DAYS, ChronoUnit.DAYS);
        long searchTotal = search.search(QUERY, new TimeRange(BIG_DAY, to), 1, null, null).total();
        long elasticsearchCount = count(QUERY, BIG_DAY, to);

        ExportJob done = awaitFinished(exports.submit(new ExportRequest(QUERY, BIG_DAY, to,
                List.of("trace.id", "@timestamp", "user.id"), ExportFormat.CSV, false)).id());

        // users u7 and u13 are 2 of the 100 users: 2,000 rows each over the 4 days are excluded
        long expected = (long) BIG_DAYS * ROWS_PER_DAY - 4_000;
        assertThat(searchTotal).isEqualTo(expected);
        assertThat(elasticsearchCount).isEqualTo(expected);
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.rows()).isEqualTo(expected);
        assertThat(done.totalRows()).isEqualTo(expected);
        Set<String> traces = new HashSet<>();
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(files.data(done))) {
            assertThat(reader.readLine()).as("the header is not neutralised").isEqualTo("trace.id,@timestamp,user.id");
            for (String line; (line = reader.readLine()) != null; ) {
                lines++;
                String[] cells = line.split(",");
                traces.add(cells[0]);
                assertThat(cells[2]).isNotIn("u7", "u13");
            }
        }
        assertThat(lines).isEqualTo(expected);
        assertThat(traces).as("no duplicate row").hasSize((int) expected);
        assertThat(exports.verify(done.id()).valid()).isTrue();
    }

    @Test
    void a_query_search_refuses_is_refused_at_submission() {
        login("admin", Roles.ADMIN);
        assertThatThrownBy(() -> exports.submit(new ExportRequest("message:(unclosed", SMALL_DAY,
                SMALL_DAY.plusSeconds(3600), List.of("message"), ExportFormat.CSV, false)))
                .isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> exports.submit(new ExportRequest("*leading", SMALL_DAY,
                SMALL_DAY.plusSeconds(3600), List.of("message"), ExportFormat.CSV, false)))
                .isInstanceOf(QuerySyntaxException.class);
    }

    @Test
    void masks_pii_and_neutralises_all_six_formula_starts_in_the_file() throws IOException {
        ExportJob done = runAs(new io.logwarden.security.CurrentUser("exp-masked", Set.of(Roles.COMPLIANCE),
                AccessScope.EVERYTHING, false), new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id", "user.email", "user.id", "message"), ExportFormat.CSV, false));

        // masked as in the UI (one PII policy): the email keeps its first letter and domain, the user id is replaced
        String file = Files.readString(files.data(done));
        assertThat(file).startsWith("trace.id,user.email,user.id,message\r\n")
                .doesNotContain("person0@").doesNotContain("person-")
                .contains("small-0,p***@example.com,***,\"'=cmd|' /C calc'!A0\"\r\n")
                .contains("small-1,p***@example.com,***,\"'+41 22\"\r\n")
                .contains("small-2,p***@example.com,***,\"'-2+3\"\r\n")
                .contains("small-3,p***@example.com,***,\"'@SUM(A1:A2)\"\r\n")
                .contains("small-4,p***@example.com,***,\"'\tTAB\"\r\n")
                .contains("small-5,p***@example.com,***,\"'\rCR\"\r\n")
                .contains("small-6,p***@example.com,***,\"plain, with \"\"quotes\"\"\"\r\n");
        assertThat(done.rows()).isEqualTo(7);
    }

    @Test
    void applies_the_callers_scope_captured_at_submission() throws IOException {
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
    void a_compliance_officer_cannot_see_or_touch_another_users_export() {
        login("admin", Roles.ADMIN);
        ExportJob admins = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(60),
                List.of("message"), ExportFormat.CSV, false)).id());
        login("exp-officer", Roles.COMPLIANCE);
        ExportJob own = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(60),
                List.of("message"), ExportFormat.CSV, false)).id());

        assertThat(exports.jobs(0, 500).jobs()).extracting(ExportJob::id).contains(own.id())
                .doesNotContain(admins.id());
        assertThat(exports.jobs(0, 500).jobs()).allSatisfy(j -> assertThat(j.submittedBy().username())
                .isEqualTo("exp-officer"));
        assertThatThrownBy(() -> exports.job(admins.id())).isInstanceOf(ExportNotFoundException.class);
        assertThatThrownBy(() -> exports.file(admins.id())).isInstanceOf(ExportNotFoundException.class);
        assertThatThrownBy(() -> exports.manifest(admins.id())).isInstanceOf(ExportNotFoundException.class);
        assertThatThrownBy(() -> exports.cancel(admins.id())).isInstanceOf(ExportNotFoundException.class);
        login("admin", Roles.ADMIN);
        assertThat(exports.job(own.id()).id()).as("admins see everyone's").isEqualTo(own.id());
    }

    @Test
    void roles_without_export_permission_are_refused() {
        login("exp-analyst", Roles.ANALYST);
        assertThatThrownBy(() -> exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(60),
                List.of("message"), ExportFormat.CSV, false))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> exports.jobs(0, 10)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_audit_entry_of_an_export_says_who_what_how_much_and_the_files_sha256() {
        login("admin", Roles.ADMIN);
        ExportJob done = awaitFinished(exports.submit(new ExportRequest("service.name:svc-small", SMALL_DAY,
                SMALL_DAY.plusSeconds(3600), List.of("trace.id", "message"), ExportFormat.CSV, true)).id());

        JsonNode record = AuditRecords.await(rest, "export", done.id()).getFirst();

        assertThat(record.path("user").path("name").asString()).isEqualTo("admin");
        assertThat(record.path("audit").path("status").asString()).isEqualTo("success");
        JsonNode details = record.path("details");
        assertThat(details.path("query").asString()).isEqualTo("service.name:svc-small");
        assertThat(details.path("from").asString()).isEqualTo(SMALL_DAY.toString());
        assertThat(details.path("to").asString()).isEqualTo(SMALL_DAY.plusSeconds(3600).toString());
        assertThat(details.path("fields").toString()).isEqualTo("[\"trace.id\",\"message\"]");
        assertThat(details.path("format").asString()).isEqualTo("CSV");
        assertThat(details.path("gzip").asBoolean()).isTrue();
        assertThat(details.path("rows").asLong()).isEqualTo(done.rows()).isEqualTo(7);
        assertThat(details.path("bytes").asLong()).isEqualTo(done.bytes()).isPositive();
        assertThat(details.path("sha256").asString()).isEqualTo(done.sha256()).hasSize(64);
    }

    @Test
    void progress_shows_rows_percent_and_an_eta_while_the_job_runs() {
        login("admin", Roles.ADMIN);
        ExportJob job = exports.submit(new ExportRequest("", BIG_DAY, BIG_DAY.plus(2, ChronoUnit.DAYS),
                List.of("trace.id", "message"), ExportFormat.CSV, false));
        java.util.concurrent.atomic.AtomicReference<ExportJob> midway = new java.util.concurrent.atomic.AtomicReference<>();

        await().atMost(Duration.ofMinutes(3)).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
            ExportJob now = exports.job(job.id());
            if (now.state() == ExportState.RUNNING && now.percent() > 0 && now.percent() < 100
                    && now.eta(Instant.now()) != null) {
                midway.set(now);
            }
            return midway.get() != null || now.state().finished();
        });
        ExportJob done = awaitFinished(job.id());

        assertThat(midway.get()).as("seen while running").isNotNull();
        assertThat(midway.get().totalRows()).isEqualTo(2L * ROWS_PER_DAY);
        assertThat(midway.get().rows()).isBetween(1L, 2L * ROWS_PER_DAY - 1);
        assertThat(midway.get().eta(Instant.now())).isPositive();
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.eta(Instant.now())).isNull();
    }

    @Test
    void verify_fails_after_one_byte_changes_and_accepts_an_identical_copy() throws IOException {
        login("admin", Roles.ADMIN);
        ExportJob job = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id", "message"), ExportFormat.CSV, false)).id());
        byte[] original = Files.readAllBytes(files.data(job));
        assertThat(exports.verify(job.id()).valid()).isTrue();
        assertThat(exports.verify(job.id(), new ByteArrayInputStream(original)).valid()).isTrue();

        byte[] changed = original.clone();
        changed[10] ^= 0x01;
        ManifestVerification copy = exports.verify(job.id(), new ByteArrayInputStream(changed));
        assertThat(copy.valid()).isFalse();
        assertThat(copy.checked()).isEqualTo(ManifestVerification.UPLOADED_FILE);
        assertThat(copy.signatureValid()).isTrue();

        Path file = files.data(job);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(10);
            raf.write(changed[10]);
        }
        ManifestVerification server = exports.verify(job.id());
        assertThat(server.valid()).isFalse();
        assertThat(server.fileIntact()).isFalse();
        assertThat(server.actualSha256()).isNotEqualTo(server.expectedSha256());
    }

    @Test
    void verify_fails_when_the_manifest_is_edited() {
        login("admin", Roles.ADMIN);
        ExportJob job = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id"), ExportFormat.CSV, false)).id());
        String edited = job.manifest().replaceFirst("\"rowCount\" : 7", "\"rowCount\" : 6");
        assertThat(edited).isNotEqualTo(job.manifest());
        ExportJobStore.Stored read = store.get(job.id()).orElseThrow();
        store.replace(read, read.job().withManifest(edited)).orElseThrow();

        ManifestVerification verification = exports.verify(job.id());

        assertThat(verification.signatureValid()).isFalse();
        assertThat(verification.valid()).isFalse();
    }

    @Test
    void writes_xlsx_text_as_inline_strings() throws IOException {
        login("admin", Roles.ADMIN);
        ExportJob job = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id", "message"), ExportFormat.XLSX, false)).id());

        assertThat(job.rows()).isEqualTo(7);
        try (ZipFile zip = new ZipFile(files.data(job).toFile())) {
            String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(sheet).contains("t=\"inlineStr\"").contains("small-6").contains("trace.id");
            var shared = zip.getEntry("xl/sharedStrings.xml");
            String strings = shared == null ? "" : new String(zip.getInputStream(shared).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(strings).doesNotContain("small-6");
        }
    }

    @Test
    void an_expired_file_is_deleted_but_its_manifest_stays_until_the_audit_retention() {
        login("admin", Roles.ADMIN);
        ExportJob job = awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(3600),
                List.of("trace.id"), ExportFormat.CSV, false)).id());
        String manifest = job.manifest();
        ExportJobStore.Stored read = store.get(job.id()).orElseThrow();
        store.replace(read, read.job().withExpiry(Instant.now().minusSeconds(1))).orElseThrow();

        assertThat(expiry.expire()).isGreaterThanOrEqualTo(1);

        assertThat(files.data(job)).doesNotExist();
        ExportJob expired = exports.job(job.id());
        assertThat(expired.state()).isEqualTo(ExportState.EXPIRED);
        assertThat(exports.manifest(job.id())).isEqualTo(manifest);
        assertThat(exports.verify(job.id()).problems()).anyMatch(p -> p.contains("upload the copy"));
        assertThat(exports.verifySha256(job.id(), job.sha256()).valid()).isTrue();

        ExportJobStore.Stored old = store.get(job.id()).orElseThrow();
        ExportJob longAgo = new ExportJob(old.job().id(), old.job().state(), old.job().purpose(),
                old.job().submittedBy(), old.job().request(), old.job().source(), old.job().createdAt(),
                old.job().startedAt(), 0, Instant.now().minus(400, ChronoUnit.DAYS), old.job().expiresAt(),
                old.job().rows(), old.job().totalRows(), old.job().bytes(), null, List.of(), 0, old.job().sha256(),
                null, null, false, old.job().manifest());
        store.replace(old, longAgo).orElseThrow();

        assertThat(expiry.prune()).isGreaterThanOrEqualTo(1);

        assertThat(store.find(job.id())).as("pruned after logwarden.retention.audit (365 days)").isEmpty();
    }

    @Test
    void the_job_list_is_newest_first_and_paged() {
        login("admin", Roles.ADMIN);
        for (int i = 0; i < 3; i++) {
            awaitFinished(exports.submit(new ExportRequest("", SMALL_DAY, SMALL_DAY.plusSeconds(60),
                    List.of("message"), ExportFormat.CSV, false)).id());
        }
        var first = exports.jobs(0, 2);
        var second = exports.jobs(2, 2);

        assertThat(first.total()).isGreaterThanOrEqualTo(3).isEqualTo(second.total());
        assertThat(first.jobs()).hasSize(2);
        assertThat(first.jobs().get(0).createdAt()).isAfterOrEqualTo(first.jobs().get(1).createdAt());
        assertThat(first.jobs().get(1).createdAt()).isAfterOrEqualTo(second.jobs().getFirst().createdAt());
        assertThat(second.jobs()).extracting(ExportJob::id).doesNotContainAnyElementsOf(
                first.jobs().stream().map(ExportJob::id).toList());
    }

    /** Submits as a user the service could not produce (export roles see PII by default): a masked exporter. */
    private ExportJob runAs(io.logwarden.security.CurrentUser user, ExportRequest request) {
        ExportJob job = operations.submit(user, request, ExportJob.PURPOSE_SEARCH, io.logwarden.export.ExportSource
                .search(List.of(IndexNames.EVENTS_ALIAS), List.of("message", "error.message"), false));
        ExportJob done = awaitFinished(job.id());
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        return done;
    }

    /** The number of events matching the query as Search sends it (query_string, default fields, OR). */
    private long count(String query, Instant from, Instant to) throws IOException {
        String body = """
                {"query":{"bool":{"must":[{"query_string":{"query":%s,"fields":["message","error.message"],
                  "default_operator":"or","allow_leading_wildcard":false,"analyze_wildcard":true}}],
                  "filter":[{"range":{"@timestamp":{"gte":"%s","lt":"%s"}}}]}}}"""
                .formatted(json.writeValueAsString(query), from, to);
        Request request = new Request("POST", "/" + IndexNames.EVENTS_ALIAS + "/_count");
        request.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        return json.readTree(rest.performRequest(request).getEntity().getContent()).path("count").asLong();
    }

    private ExportJob awaitFinished(String id) {
        await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> ExportTestData.finished(store, id));
        return store.find(id).orElseThrow();
    }

    private static void login(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }
}
