package io.logwarden.export.internal;

import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.TestEvents;
import io.logwarden.storage.IndexNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.elasticsearch.client.RestClient;

/**
 * The events the export ITs share, loaded once per Elasticsearch (idempotent): 4 days of 50,000 rows (several rows
 * per millisecond, so the tiebreaker matters) and one small day of hostile cells.
 */
final class ExportTestData {

    static final Instant BIG_DAY = Instant.parse("2019-03-01T00:00:00Z");
    static final int BIG_DAYS = 4;
    static final int ROWS_PER_DAY = 50_000;
    static final Instant SMALL_DAY = Instant.parse("2019-04-01T00:00:00Z");
    /** One message per OWASP formula start (= + - @ TAB CR), and one harmless cell with a comma and quotes. */
    static final String[] SMALL_MESSAGES = {"=cmd|' /C calc'!A0", "+41 22", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR",
            "plain, with \"quotes\""};

    private ExportTestData() {
    }

    static void load(RestClient rest) {
        for (int day = 0; day < BIG_DAYS; day++) {
            Instant start = BIG_DAY.plus(day, ChronoUnit.DAYS);
            String index = IndexNames.eventsIndex(start);
            if (TestEvents.count(rest, index) == ROWS_PER_DAY) {
                continue;
            }
            List<Map.Entry<String, Map<String, Object>>> docs = new ArrayList<>(ROWS_PER_DAY);
            for (int i = 0; i < ROWS_PER_DAY; i++) {
                String trace = "row-" + day + "-" + i;
                Instant t = start.plusMillis(i / 3 * 1000L);
                docs.add(Map.entry(trace, TestEvents.event(t, trace, "org-" + (i % 2), "svc", "u" + (i % 100),
                        "u" + (i % 100) + "@example.com", "message " + i)));
            }
            TestEvents.load(rest, index, docs);
        }
        if (TestEvents.count(rest, IndexNames.eventsIndex(SMALL_DAY)) != SMALL_MESSAGES.length) {
            List<Map.Entry<String, Map<String, Object>>> small = new ArrayList<>();
            for (int i = 0; i < SMALL_MESSAGES.length; i++) {
                small.add(Map.entry("small-" + i, TestEvents.event(SMALL_DAY.plusSeconds(i), "small-" + i,
                        i % 2 == 0 ? "org-even" : "org-odd", "svc-small", "person-" + i,
                        "person" + i + "@example.com", SMALL_MESSAGES[i])));
            }
            TestEvents.load(rest, IndexNames.eventsIndex(SMALL_DAY), small);
        }
    }

    /** Settings for runners built by tests: small pages, a checkpoint after every page, a short lease. */
    static ExportProperties everyPage(ExportProperties defaults, int pageSize, Duration lease) {
        return new ExportProperties(defaults.fileRetention(), pageSize, defaults.pointInTimeKeepAlive(),
                Duration.ZERO, 2, null, null, defaults.cleanupInterval(), lease, Duration.ofMillis(200),
                Duration.ofSeconds(1), defaults.directory());
    }

    static ExportJobRunner runner(String instance, ExportJobStore store, io.logwarden.storage.EventScanner scanner,
                                  ExportFiles files, ExportFinisher finisher, RowMasking masking,
                                  ExportMetrics metrics, ExportProperties properties) {
        ExportJobRunner runner = new ExportJobRunner(instance, store, scanner, files, finisher, masking, metrics,
                properties, Clock.systemUTC());
        runner.start();
        return runner;
    }

    static List<String> lines(Path file, boolean gzip) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }

    static String id(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    static boolean finished(ExportJobStore store, String id) {
        return store.find(id).map(ExportJob::state).map(s -> s.finished()).orElse(false);
    }
}
