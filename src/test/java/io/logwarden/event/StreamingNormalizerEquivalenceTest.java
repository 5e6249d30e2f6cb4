package io.logwarden.event;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming normaliser gives the same documents (as JSON trees: same fields, values and types, arrays in the
 * same order), flags, timestamps and rejection reasons as the tree-based one it replaced
 * ({@link TreeReferenceNormalizer}), over hand-written lines for every field mapping, logback-encoded events and
 * thousands of random lines.
 */
class StreamingNormalizerEquivalenceTest {

    /** Strict: a document with a repeated key would be refused by Elasticsearch, so it fails here too. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final EventNormalizer streaming = new EventNormalizer();
    private final TreeReferenceNormalizer reference = new TreeReferenceNormalizer();

    private void assertSame(String line) {
        assertSame(line.getBytes(StandardCharsets.UTF_8));
    }

    private void assertSame(byte[] line) {
        NormalizationResult expected = reference.normalize(line, 0, line.length, now);
        NormalizationResult actual = streaming.normalize(line, 0, line.length, now);
        String what = new String(line, StandardCharsets.UTF_8);
        switch (expected) {
            case NormalizationResult.Accepted(CanonicalEvent e) -> {
                assertThat(actual).as(what).isInstanceOf(NormalizationResult.Accepted.class);
                CanonicalEvent a = ((NormalizationResult.Accepted) actual).event();
                assertThat(tree(a.json())).as(what).isEqualTo(tree(e.json()));
                assertThat(a.flags()).as(what).isEqualTo(e.flags());
                assertThat(a.timestamp()).as(what).isEqualTo(e.timestamp());
                assertThat(a.ingested()).as(what).isEqualTo(e.ingested());
            }
            case NormalizationResult.Rejected r -> {
                assertThat(actual).as(what).isInstanceOf(NormalizationResult.Rejected.class);
                assertThat(((NormalizationResult.Rejected) actual).reason()).as(what).isEqualTo(r.reason());
            }
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    @Test
    void every_alias_and_schema_field_maps_the_same_from_every_json_type() {
        String[] values = {"\"Text\"", "\" 42 \"", "\"10.1.2.3\"", "\"::1\"", "\"WARNING\"", "\"Fatal\"", "17", "-0",
                "9223372036854775808", "123456789012345678901234567890", "1.5", "1e9", "-2.5E-3", "1e400", "true",
                "false", "null", "{}", "{\"a\":1,\"b\":[1,\"x\",null]}", "[]", "[\"a\",\"b\"]", "[1,2.5,true,null,\"x\"]",
                "[{\"x\":1}]", "[\"a\",[1]]", "\"\"", "\"SUCCESS\"", "\"not an ip\""};
        List<String> keys = new ArrayList<>(EcsFields.KNOWN.keySet());
        keys.addAll(EcsFields.ALIASES.keySet());
        keys.addAll(EcsFields.DROPPED);
        keys.addAll(List.of("labels", "unknown_field", "event.ingested", "event.dataset", "host", "service", "log",
                "user", "ecs", "event"));
        for (String key : keys) {
            for (String value : values) {
                assertSame("{\"@timestamp\":\"" + now.minusSeconds(3) + "\",\"" + key + "\":" + value + "}");
            }
        }
    }

    @Test
    void nested_ecs_objects_and_mixed_forms_map_the_same() {
        assertSame("""
                {"@timestamp":"%s","log":{"level":"Info","logger":"a.B","origin":{"function":"f","file":{"name":"F.java","line":"12"}}},
                 "service":{"name":"svc","environment":"prod","version":"1.2"},"host":{"name":"h1","ip":"10.0.0.1"},
                 "user":{"id":7,"roles":["a",null,"b"],"email":"x@y","department":"ops"},"event":{"action":"Login",
                 "outcome":"SUCCESS","duration":1.6,"ingested":"x","kind":"event"},"audit":{"entity":{"type":"t","id":9},
                 "before":{"a":[1,{"b":null}]},"after":"s","source":"USER","status":"Failure"},"job":{"state":"Started"},
                 "error":{"type":"E","stack_trace":"java.lang.X: y\\n\\tat z"},"ecs":{"version":"8","other":1},
                 "labels":{"k":"v","n":null,"o":{"p":[1,2]}},"tags":["t1","t1","t2"],"trace":"notanobject",
                 "source":{"ip":"2001:db8::1"},"user_agent":{"original":"curl"},"process":{"thread":{"name":"main"},"pid":1}}"""
                .formatted(now.minusSeconds(9)));
        assertSame("{\"log.level\":\"warn\",\"log\":{\"logger\":\"x\"},\"level\":\"error\",\"message\":[1,{\"a\":\"b\"}]}");
        assertSame("{\"stack_trace\":\"java.lang.IllegalStateException\\n\\tat a\",\"error.message\":\"kept\"}");
        assertSame("{\"stack_trace\":\"not a java trace\",\"tags\":\"one\"}");
        assertSame("{\"stack_trace\":\"java.io.IOException: disk: full\",\"error.type\":\"Preset\"}");
        assertSame("{\"labels\":\"not an object\",\"tags\":[\"a\",{\"b\":1}],\"user.roles\":{\"a\":1}}");
        assertSame("{\"audit.entity\":{\"id\":1},\"log.origin\":{\"file\":{\"line\":3.7}},\"user_agent\":\"x\"}");
    }

    @Test
    void timestamps_parse_flag_and_keep_the_original_the_same() {
        String[] stamps = {"\"" + now.minusSeconds(5) + "\"", "\"" + now.minusSeconds(5).toString().replace("Z", "+00:00") + "\"",
                "\"" + now.minusSeconds(5).atOffset(java.time.ZoneOffset.ofHoursMinutes(-5, -30)) + "\"",
                "\"" + now.minusSeconds(5).toString().replace("Z", "") + "\"",
                "\"" + now.minusSeconds(5).toString().replace("T", "t") + "\"",
                "\"" + now.truncatedTo(ChronoUnit.MINUTES).minusSeconds(60).toString().replace(":00Z", "Z") + "\"",
                "\"" + now.minusSeconds(5).atZone(java.time.ZoneId.of("Europe/Paris")) + "\"",
                "\"" + now.minusSeconds(5).toString().replace("Z", "+01:00:00") + "\"",
                "\"2026-02-30T10:00:00Z\"", "\"2026-13-01T10:00:00Z\"", "\"2026-01-01T24:00:00Z\"",
                "\"2026-01-01T10:00:60Z\"", "\"2026-01-01T10:00:00.Z\"", "\"2026-01-01T10:00:00.1234567891Z\"",
                "\"2026-01-01T10:00:00+19:00\"", "\"2026-01-01 10:00:00Z\"", "\"+12026-01-01T10:00:00Z\"",
                String.valueOf(now.toEpochMilli()), String.valueOf(now.toEpochMilli() + 0.5), String.valueOf(now.toEpochMilli() * 1.0),
                "\"" + now.toEpochMilli() + "\"", "\"12345678901234567\"", "\"-5\"", "\"NaN\"", "\"Infinity\"",
                "\"yesterday\"", "\"\"", "\"  " + now.minusSeconds(1) + "  \"", "0", "-1", "1e12", "true", "{\"a\":1}",
                "[1]", "null", "\"1970-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"0000-01-01T00:00:00Z\""};
        for (String stamp : stamps) {
            assertSame("{\"@timestamp\":" + stamp + ",\"message\":\"m\"}");
        }
        assertSame("{\"message\":\"no timestamp\"}");
    }

    @Test
    void repeated_keys_keep_the_last_value_as_a_tree_does() {
        assertSame("{\"message\":\"a\",\"message\":\"b\"}");
        assertSame("{\"level\":\"LOUD\",\"level\":\"info\"}");
        assertSame("{\"x\":1,\"x\":2,\"y\":3}");
        assertSame("{\"region\":\"a\",\"labels\":{\"region\":\"b\"},\"user.x\":1,\"user\":{\"x\":2}}");
        assertSame("{\"log\":{\"level\":\"warn\"},\"log\":{\"logger\":\"l\"}}");
        assertSame("{\"labels\":{\"a\":1},\"labels\":{\"b\":2}}");
        assertSame("{\"@timestamp\":\"bad\",\"@timestamp\":\"" + now + "\"}");
        assertSame("{\"audit.before\":{\"a\":1,\"a\":2},\"o\":{\"k\":1,\"k\":{\"z\":0}}}");
        assertSame("{\"labels\":{\"logwarden.original_timestamp\":\"mine\"},\"@timestamp\":\"garbage\"}");
        assertSame("{\"tags\":[\"a\"],\"tags\":[\"b\"]}");
    }

    @Test
    void rejections_have_the_same_reasons() {
        for (String line : List.of("", "   ", "{", "{\"a\":", "{\"a\":1} trailing", "{\"a\":1} {\"b\":2}", "[1,2]",
                "[1,2", "\"s\"", "12", "true", "null", "{\"a\":1}]", "{'a':1}", "{\"a\":NaN}", "{\"a\":01}",
                "{\"a\":\"\\x\"}", "{\"a\":1,}", "{\"a\":1}\u0000", "{\"a\":" + "[".repeat(30) + "]".repeat(30) + "}")) {
            assertSame(line);
        }
        byte[] invalidUtf8 = "{\"message\":\"caf\u00e9 X\"}".getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 5] = (byte) 0xC3;
        invalidUtf8[invalidUtf8.length - 4] = (byte) 0x28;
        assertSame(invalidUtf8);
        byte[] invalidInLabel = "{\"other\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        invalidInLabel[invalidInLabel.length - 3] = (byte) 0xFF;
        assertSame(invalidInLabel);
    }

    @Test
    void logback_encoder_events_map_the_same() {
        LoggerContext context = new LoggerContext();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setCustomFields("{\"app_name\":\"billing\",\"env\":\"prod\"}");
        encoder.start();
        try {
            Random random = new Random(11);
            for (int i = 0; i < 200; i++) {
                LoggingEvent e = new LoggingEvent("fqcn", context.getLogger("com.acme.Service" + i % 7),
                        Level.toLevel(new String[] {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"}[i % 5]),
                        "message {} with \"quotes\" and \u00e9\u4e2d \ud83d\ude00", i % 9 == 0 ? new IllegalStateException("boom " + i) : null,
                        new Object[] {StructuredArguments.kv("event.action", "a" + i),
                                StructuredArguments.kv("amount", random.nextDouble() * 1000),
                                StructuredArguments.kv("audit.after", Map.of("k", i, "nested", List.of(1, 2))),
                                StructuredArguments.kv("user.roles", List.of("r" + i % 3, "admin"))});
                e.setThreadName("worker-" + i);
                e.setTimeStamp(now.minusSeconds(i).toEpochMilli());
                e.setMDCPropertyMap(Map.of("traceId", Long.toHexString(random.nextLong()), "userId", "u" + i, "custom", "c"));
                if (i % 4 == 0) {
                    e.addMarker(MarkerFactory.getMarker("AUDIT"));
                    e.addMarker(Markers.append("job.state", "HEARTBEAT"));
                }
                assertSame(encoder.encode(e));
            }
        } finally {
            encoder.stop();
        }
    }

    @Test
    void random_lines_map_the_same() {
        Random random = new Random(2026);
        List<String> keys = new ArrayList<>(EcsFields.KNOWN.keySet());
        keys.addAll(EcsFields.ALIASES.keySet());
        keys.addAll(List.of("@version", "level_value", "labels", "a", "b", "c.d", "log", "user", "event", "ecs",
                "audit", "host", "service", "@timestamp"));
        for (int i = 0; i < 5000; i++) {
            StringBuilder line = new StringBuilder("{");
            int fields = random.nextInt(12);
            for (int f = 0; f < fields; f++) {
                line.append(f == 0 ? "" : ",").append('"').append(keys.get(random.nextInt(keys.size()))).append("\":");
                value(line, random, 0);
            }
            assertSame(line.append('}').toString());
        }
    }

    private void value(StringBuilder out, Random random, int depth) {
        switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> out.append('"').append(new String[] {"INFO", "x", " 12 ", "10.0.0.7", "Success", "",
                    now.minusSeconds(random.nextInt(100)).toString(), "java.lang.E: m\\nat"}[random.nextInt(8)]).append('"');
            case 1 -> out.append(random.nextInt(2000) - 1000);
            case 2 -> out.append(random.nextDouble() * 1e6 - 5e5);
            case 3 -> out.append(random.nextBoolean());
            case 4 -> out.append("null");
            case 5 -> out.append(new String[] {"1e3", "12345678901234567890", "-0.0", "2.50"}[random.nextInt(4)]);
            case 6, 7 -> {
                out.append('{');
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    out.append(k == 0 ? "" : ",").append("\"").append(new String[] {"name", "level", "id", "k",
                            "logger", "version", "type"}[random.nextInt(7)]).append("\":");
                    value(out, random, depth + 1);
                }
                out.append('}');
            }
            default -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    out.append(k == 0 ? "" : ",");
                    value(out, random, depth + 1);
                }
                out.append(']');
            }
        }
    }
}
