package io.logwarden.ingest.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.logwarden.ingest.internal.IngestItSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus of issue 3 sent through the real TCP and HTTP inputs into the test run's Elasticsearch:
 * each line ends up as an event (flagged where its data was repaired) or a dead letter with a reason, and the
 * ingest counters balance with what Elasticsearch holds.
 */
@LogwardenIntegrationTest
class BadInputCorpusIT {

    /**
     * What must become of a line: an event carrying {@code flag} (a tag prefix; null: no flag required), and/or a
     * dead letter with one of {@code reasons}. When both are allowed the normaliser's handling decides; the line
     * is never lost and never both.
     */
    private record Outcome(boolean event, String flag, java.util.Set<String> reasons) {
        static Outcome event(String flag) {
            return new Outcome(true, flag, java.util.Set.of());
        }

        static Outcome dead(String... reasons) {
            return new Outcome(false, null, java.util.Set.of(reasons));
        }

        static Outcome flaggedOrDead(String flag, String... reasons) {
            return new Outcome(true, flag, java.util.Set.of(reasons));
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    IngestConfiguration.TcpInputLifecycle tcpInput;
    @Autowired
    DiskJournal journal;
    @Autowired
    MeterRegistry registry;
    private IngestItSupport it;

    @BeforeEach
    void setUp() {
        it = new IngestItSupport(port, journal, registry, elasticsearch);
    }

    @Test
    void every_bad_line_through_tcp_and_http_gets_a_counted_outcome_in_elasticsearch() throws Exception {
        String run = UUID.randomUUID().toString();
        String key = it.createKey("corpus-" + run.substring(0, 8));
        it.awaitLagZero();
        Instant start = Instant.now().minusSeconds(1);
        IngestItSupport.Counts before = it.counts();

        Map<String, Outcome> expected = new LinkedHashMap<>();
        List<byte[]> tcpLines = corpus(run, "tcp", expected);
        List<byte[]> httpLines = corpus(run, "http", expected);
        try (Socket socket = new Socket("127.0.0.1", tcpInput.input().port())) {
            OutputStream out = socket.getOutputStream();
            for (byte[] line : tcpLines) {
                out.write(line);
                out.write('\n');
            }
            socket.shutdownOutput();
            it.awaitReceivedAndShipped(before, tcpLines.size());
        }
        HttpResponse<String> answer = it.ingest(key, joined(httpLines));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("accepted").asInt() + body.get("rejected").asInt()).isEqualTo(httpLines.size());
        it.awaitReceivedAndShipped(before, tcpLines.size() + httpLines.size());
        IngestItSupport.Counts delta = it.counts().minus(before);

        Map<String, JsonNode> events = new HashMap<>();
        it.events("trace.id", run).forEach(e -> events.put(e.get("message").asText(), e));
        Map<String, JsonNode> dead = new HashMap<>();
        for (JsonNode d : it.deadLetters(start, run)) {
            String text = IngestItSupport.originalText(d);
            expected.keySet().stream().filter(text::contains).forEach(marker -> dead.put(marker, d));
        }
        int refused = 0;
        for (var entry : expected.entrySet()) {
            String marker = entry.getKey();
            Outcome outcome = entry.getValue();
            JsonNode event = events.get(marker);
            JsonNode letter = dead.get(marker);
            assertThat(event == null ^ letter == null).as("exactly one outcome for %s", marker).isTrue();
            if (event != null) {
                assertThat(outcome.event()).as("%s may not become an event", marker).isTrue();
                if (outcome.flag() != null) {
                    assertThat(tags(event)).as(marker).anyMatch(t -> t.startsWith(outcome.flag()));
                }
            } else {
                assertThat(letter.get("reason").asText()).as(marker).isIn(outcome.reasons());
            }
            if (letter != null && "index".equals(letter.get("input").asText())) {
                refused++;
            }
        }

        JsonNode wide = events.get(run + "-http-wide");
        assertThat(wide.get("labels").size()).isEqualTo(10_000);
        assertThat(wide.at("/labels/f9999").asInt()).isEqualTo(9999);
        JsonNode past = events.get(run + "-tcp-past");
        assertThat(past.at("/labels/logwarden/original_timestamp").asText()
                + past.at("/labels/logwarden.original_timestamp").asText()).contains("1999-01-01");
        JsonNode garbage = dead.get(run + "-tcp-garbage");
        assertThat(garbage.get("original_encoding").asText()).isEqualTo("base64");
        assertThat(garbage.get("remote_address").asText()).startsWith("127.0.0.1:");
        JsonNode huge = dead.get(run + "-http-huge");
        assertThat(huge.get("original_truncated").asBoolean()).isTrue();
        assertThat(huge.get("original_length").asLong()).isGreaterThan(1 << 20);
        JsonNode deepLabels = dead.get(run + "-http-deeplabels");
        assertThat(deepLabels.get("original").asText()).startsWith("{\"message\":\"" + run + "-http-deeplabels");
        assertThat(deepLabels.get("document").asText()).contains("\"labels\"");

        int lines = tcpLines.size() + httpLines.size();
        int deadLines = dead.size() - refused;
        assertThat(delta.received()).isEqualTo(lines);
        assertThat(delta.journaled()).isEqualTo(events.size() + refused);
        assertThat(delta.rejected()).isEqualTo(deadLines);
        assertThat(delta.indexed()).isEqualTo(events.size());
        assertThat(delta.deadLetteredEvents()).isEqualTo(refused).isEqualTo(delta.refused());
        assertThat(delta.deadLetteredLines()).isEqualTo(delta.rejected());
        assertThat(delta.journaled()).as("accepted = indexed + dead-lettered")
                .isEqualTo(delta.indexed() + delta.deadLetteredEvents());
    }

    private static List<String> tags(JsonNode event) {
        List<String> tags = new ArrayList<>();
        event.path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    private static byte[] joined(List<byte[]> lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.write(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static List<byte[]> corpus(String run, String input, Map<String, Outcome> expected) {
        List<byte[]> lines = new ArrayList<>();
        String now = Instant.now().toString();
        String p = run + "-" + input + "-";
        add(lines, expected, p + "malformed", "{\"message\": broken " + p + "malformed", Outcome.dead("malformed_json"));
        add(lines, expected, p + "huge", "{\"message\":\"" + p + "huge\",\"pad\":\"" + "x".repeat(1_200_000) + "\"}",
                Outcome.dead("line_too_long"));
        byte[] badUtf8 = ("{\"message\":\"" + p + "badutf8 caf\u00e9\"}").getBytes(StandardCharsets.UTF_8);
        badUtf8[badUtf8.length - 3] = (byte) 0xFF; // the second byte of é
        lines.add(badUtf8);
        expected.put(p + "badutf8", Outcome.dead("invalid_utf8"));
        byte[] garbage = new byte[600];
        new Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n' || garbage[i] == '\r') {
                garbage[i] = 1;
            }
        }
        garbage[0] = (byte) 0x80;
        byte[] marker = (p + "garbage").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, garbage, 100, marker.length);
        lines.add(garbage);
        expected.put(p + "garbage", Outcome.dead("invalid_utf8", "malformed_json"));
        add(lines, expected, p + "nested", "{\"message\":\"" + p + "nested\",\"a\":" + "{\"a\":".repeat(30) + "1"
                + "}".repeat(30) + "}", Outcome.dead("nesting_too_deep"));
        add(lines, expected, p + "deeplabels", "{\"message\":\"" + p + "deeplabels\",\"trace.id\":\"" + run
                + "\",\"labels\":{\"deep\":" + "{\"x\":".repeat(12) + "1" + "}".repeat(12) + "}}",
                Outcome.dead("document_parsing_exception"));
        StringBuilder wide = new StringBuilder("{\"@timestamp\":\"" + now + "\",\"message\":\"" + p
                + "wide\",\"trace.id\":\"" + run + "\"");
        for (int i = 0; i < 10_000; i++) {
            wide.append(",\"f").append(i).append("\":").append(i);
        }
        add(lines, expected, p + "wide", wide.append('}').toString(), Outcome.event(null));
        add(lines, expected, p + "past", event(run, p + "past", "\"@timestamp\":\"1999-01-01T00:00:00Z\""),
                Outcome.event("_timestamp_out_of_range"));
        add(lines, expected, p + "future", event(run, p + "future", "\"@timestamp\":\"2999-01-01T00:00:00Z\""),
                Outcome.event("_timestamp_out_of_range"));
        add(lines, expected, p + "missing", event(run, p + "missing", "\"level\":\"INFO\""),
                Outcome.event("_timestamp_missing"));
        add(lines, expected, p + "types", event(run, p + "types", "\"@timestamp\":\"" + now
                        + "\",\"event.duration\":\"slow\",\"user.roles\":{\"a\":1},\"source.ip\":\"not-an-ip\""),
                Outcome.event("_field_type_mismatch"));
        add(lines, expected, p + "ts1e300", event(run, p + "ts1e300", "\"@timestamp\":1e300"),
                Outcome.flaggedOrDead("_timestamp", IngestPipeline.NORMALIZATION_FAILED));
        add(lines, expected, p + "dur1e300", event(run, p + "dur1e300", "\"@timestamp\":\"" + now
                + "\",\"event.duration\":1e300"), Outcome.flaggedOrDead("_field_type_mismatch",
                IngestPipeline.NORMALIZATION_FAILED, "document_parsing_exception"));
        add(lines, expected, p + "label1e300", event(run, p + "label1e300", "\"@timestamp\":\"" + now
                + "\",\"big\":1e300,\"small\":-1e-300"), Outcome.event(null));
        return lines;
    }

    private static String event(String run, String marker, String fields) {
        return "{\"message\":\"" + marker + "\",\"trace.id\":\"" + run + "\"," + fields + "}";
    }

    private static void add(List<byte[]> lines, Map<String, Outcome> expected, String marker, String line,
                            Outcome outcome) {
        lines.add(line.getBytes(StandardCharsets.UTF_8));
        expected.put(marker, outcome);
    }
}
