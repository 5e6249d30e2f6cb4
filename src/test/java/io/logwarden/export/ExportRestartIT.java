package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenProcess;
import io.logwarden.testsupport.TestElasticsearch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar as a real child JVM against a shared Elasticsearch: three exports (gzipped CSV, NDJSON, XLSX) are
 * running when the process is killed (SIGKILL, no shutdown hook); a new process on the same data directory takes
 * them over when their lease runs out, continues CSV and NDJSON from their last checkpoint (XLSX restarts) and
 * completes each with exactly the matching rows, once each, and a valid signed manifest.
 */
class ExportRestartIT {

    /** The test run's admin password: the shared Elasticsearch may already hold the admin of another test. */
    static final String PASSWORD = io.logwarden.testsupport.TestUsers.ADMIN_PASSWORD;
    static final Instant DAY = Instant.parse("2019-07-01T00:00:00Z");
    static final int DAYS = 2;
    static final int PER_DAY = 60_000;
    static final String RANGE = "\"from\":\"2019-07-01T00:00:00Z\",\"to\":\"2019-07-03T00:00:00Z\"";

    static Path workDir;
    static LogwardenProcess app;
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    /** Starts the first process (which installs the index templates), then loads the events. */
    @BeforeAll
    static void startAndLoadEvents() throws IOException {
        workDir = Path.of("target", "e2e-export-restart", String.valueOf(System.currentTimeMillis()))
                .toAbsolutePath();
        app = start();
        try (RestClient rest = RestClient.builder(HttpHost.create(TestElasticsearch.url().toString())).build()) {
            for (int day = 0; day < DAYS; day++) {
                Instant start = DAY.plus(day, ChronoUnit.DAYS);
                String index = IndexNames.eventsIndex(start);
                if (TestEvents.count(rest, index) == PER_DAY) {
                    continue;
                }
                List<Map.Entry<String, Map<String, Object>>> docs = new ArrayList<>(PER_DAY);
                for (int i = 0; i < PER_DAY; i++) {
                    String trace = "restart-" + day + "-" + i;
                    docs.add(Map.entry(trace, TestEvents.event(start.plusMillis(i * 1000L), trace, "org", "svc",
                            "u" + (i % 50), "u" + (i % 50) + "@example.com", "restart message " + i)));
                }
                TestEvents.load(rest, index, docs);
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    static LogwardenProcess start() {
        LogwardenProcess process = LogwardenProcess.start(workDir, Map.of("LOGWARDEN_ADMIN_PASSWORD", PASSWORD),
                "--logwarden.elasticsearch.url=" + TestElasticsearch.url(), "--logwarden.ingest.tcp.port=0",
                "--logwarden.export.page-size=100", "--logwarden.export.checkpoint-interval=1s",
                "--logwarden.export.lease-duration=6s", "--logwarden.export.poll-interval=1s",
                "--logwarden.export.concurrent-jobs=3", "--logging.level.io.logwarden.export=INFO");
        process.awaitHealthy(Duration.ofMinutes(4));
        return process;
    }

    @Test
    void a_killed_process_leaves_its_exports_to_the_next_which_completes_them_exactly() throws Exception {
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("csv", submit("\"format\":\"CSV\",\"gzip\":true,\"fields\":[\"trace.id\",\"message\"]"));
        jobs.put("ndjson", submit("\"format\":\"NDJSON\",\"fields\":[\"trace.id\",\"message\"]"));
        jobs.put("xlsx", submit("\"format\":\"XLSX\",\"fields\":[\"trace.id\",\"message\"]"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (String id : jobs.values()) {
                JsonNode status = status(id);
                if (status.path("state").asString().equals("COMPLETED")) {
                    throw new IllegalStateException("Export " + id + " finished before the kill: make it longer");
                }
                if (status.path("bytes").asLong() == 0 || status.path("rows").asLong() < 2_000) {
                    return false;
                }
            }
            return true;
        });
        app.kill();

        app = start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                jobs.values().stream().allMatch(id -> status(id).path("state").asString().equals("COMPLETED")));

        long expected = (long) DAYS * PER_DAY;
        for (var job : jobs.entrySet()) {
            JsonNode status = status(job.getValue());
            assertThat(status.path("rows").asLong()).as(job.getKey()).isEqualTo(expected);
            assertThat(status.path("restarts").asInt()).as(job.getKey()).isGreaterThanOrEqualTo(1);
            String verification = get("/api/v1/exports/" + job.getValue() + "/verify").body();
            assertThat(json.readTree(verification).path("valid").asBoolean()).as(job.getKey() + ": " + verification)
                    .isTrue();
            Set<String> traces = traces(job.getKey(), download(job.getValue()));
            assertThat(traces).as(job.getKey() + ": every row exactly once").hasSize((int) expected);
        }
        String log = app.output();
        for (String format : List.of("csv", "ndjson")) {
            Matcher resumed = Pattern.compile("Export " + jobs.get(format) + " of admin runs on \\S+ from row (\\d+)")
                    .matcher(log);
            assertThat(resumed.find()).as(format + " taken over").isTrue();
            // not bounded by the rows seen before the kill: the process kept checkpointing until the kill landed
            assertThat(Long.parseLong(resumed.group(1))).as(format + " continued from its checkpoint")
                    .isPositive().isLessThan(expected);
        }
    }

    private Set<String> traces(String format, byte[] file) throws IOException {
        String text;
        List<String> lines = new ArrayList<>();
        switch (format) {
            case "csv" -> {
                text = new String(new GZIPInputStream(new ByteArrayInputStream(file)).readAllBytes(),
                        StandardCharsets.UTF_8);
                lines.addAll(List.of(text.split("\r\n")));
                assertThat(lines.removeFirst()).isEqualTo("trace.id,message");
                return count(lines.stream().map(l -> l.substring(0, l.indexOf(','))).toList());
            }
            case "ndjson" -> {
                text = new String(file, StandardCharsets.UTF_8);
                return count(List.of(text.split("\n")).stream()
                        .map(l -> json.readTree(l).path("trace.id").asString()).toList());
            }
            default -> {
                // read through the central directory: ZipInputStream rejects the sizes in the streamed entries'
                // data descriptors ("invalid entry size")
                Path copy = Files.createTempFile(workDir, "restart", ".xlsx");
                Files.write(copy, file);
                List<String> cells = new ArrayList<>();
                try (ZipFile zip = new ZipFile(copy.toFile())) {
                    for (ZipEntry entry : Collections.list(zip.entries())) {
                        if (entry.getName().startsWith("xl/worksheets/")) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                Matcher m = Pattern.compile("<t[^>]*>(restart-[0-9-]+)</t>").matcher(
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                                while (m.find()) {
                                    cells.add(m.group(1));
                                }
                            }
                        }
                    }
                }
                return count(cells);
            }
        }
    }

    private static Set<String> count(List<String> ids) {
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).as("no duplicate").hasSize(ids.size());
        return distinct;
    }

    private String submit(String formatAndFields) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(request("/api/v1/exports").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"restart\"," + RANGE + "," + formatAndFields
                        + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json.readTree(created.body()).path("id").asString();
    }

    private JsonNode status(String id) {
        return json.readTree(get("/api/v1/exports/" + id).body());
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] download(String id) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request("/api/v1/exports/" + id + "/download").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
    }
}
