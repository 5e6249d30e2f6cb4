package io.logwarden.event;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventNormalizer normalizer = new EventNormalizer();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private LoggerContext context;
    private LogstashEncoder encoder;

    @BeforeEach
    void startEncoder() {
        context = new LoggerContext();
        encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setCustomFields("{\"app_name\":\"billing\",\"env\":\"prod\"}");
        encoder.start();
    }

    @AfterEach
    void stopEncoder() {
        encoder.stop();
    }

    private String encode(LoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
    }

    private LoggingEvent event(Level level, String message, Throwable t, Object... args) {
        return event(Map.of(), level, message, t, args);
    }

    private LoggingEvent event(Map<String, String> mdc, Level level, String message, Throwable t, Object... args) {
        Logger logger = context.getLogger("com.acme.billing.InvoiceService");
        LoggingEvent event = new LoggingEvent("fqcn", logger, level, message, t, args);

        event.setThreadName("http-nio-8080-exec-3");
        event.setTimeStamp(now.minusSeconds(5).toEpochMilli());
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private JsonNode accepted(String line) throws Exception {
        NormalizationResult result = normalizer.normalize(line, now);
        assertThat(result).isInstanceOf(NormalizationResult.Accepted.class);
        return JSON.readTree(((NormalizationResult.Accepted) result).event().json());
    }

    private NormalizationResult.Rejected rejected(byte[] line) {
        NormalizationResult result = normalizer.normalize(line, 0, line.length, now);
        assertThat(result).isInstanceOf(NormalizationResult.Rejected.class);
        return (NormalizationResult.Rejected) result;
    }

    @Test
    void maps_logstash_encoder_defaults_mdc_and_custom_fields_onto_ecs() throws Exception {
        LoggingEvent e = event(Map.of("traceId", "4bf92f3577b34da6", "spanId", "00f067aa0ba902b7",
                "userId", "u-17", "tenantId", "acme", "customerTier", "gold"),
                Level.WARN, "Invoice {} overdue", null, "INV-42");
        JsonNode doc = accepted(encode(e));

        assertThat(doc.get("@timestamp").asText()).isEqualTo(now.minusSeconds(5).toString());
        assertThat(doc.get("message").asText()).isEqualTo("Invoice INV-42 overdue");
        assertThat(doc.at("/log/level").asText()).isEqualTo("warn");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("com.acme.billing.InvoiceService");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("http-nio-8080-exec-3");
        assertThat(doc.at("/service/name").asText()).isEqualTo("billing");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("prod");
        assertThat(doc.at("/trace/id").asText()).isEqualTo("4bf92f3577b34da6");
        assertThat(doc.at("/span/id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(doc.at("/user/id").asText()).isEqualTo("u-17");
        assertThat(doc.at("/organization/id").asText()).isEqualTo("acme");
        assertThat(doc.at("/event/ingested").asText()).isEqualTo(now.toString());
        assertThat(doc.get("labels").get("customerTier").asText()).isEqualTo("gold");
        assertThat(doc.has("@version")).isFalse();
        assertThat(doc.has("level_value")).isFalse();
        assertThat(doc.has("tags")).isFalse();
    }

    @Test
    void maps_audit_fields_from_structured_arguments() throws Exception {
        LoggingEvent e = event(Level.INFO, "Invoice updated", null,
                StructuredArguments.keyValue("event.action", "invoice.update"),
                StructuredArguments.keyValue("audit.source", "USER"),
                StructuredArguments.keyValue("audit.status", "Success"),
                StructuredArguments.keyValue("audit.entity.type", "invoice"),
                StructuredArguments.keyValue("audit.entity.id", 42),
                StructuredArguments.keyValue("audit.before", Map.of("amount", 100, "currency", "EUR")),
                StructuredArguments.keyValue("audit.after", Map.of("amount", 120, "currency", "EUR")),
                StructuredArguments.keyValue("user.roles", new String[] {"billing", "admin"}),
                StructuredArguments.keyValue("source.ip", "10.1.2.3"),
                StructuredArguments.keyValue("event.duration", 1500000));
        JsonNode doc = accepted(encode(e));

        assertThat(doc.at("/event/action").asText()).isEqualTo("invoice.update");
        assertThat(doc.at("/audit/source").asText()).isEqualTo("user");
        assertThat(doc.at("/audit/status").asText()).isEqualTo("success");
        assertThat(doc.at("/audit/entity/type").asText()).isEqualTo("invoice");
        assertThat(doc.at("/audit/entity/id").asText()).isEqualTo("42");
        assertThat(doc.at("/audit/entity/id").isTextual()).isTrue();
        assertThat(doc.at("/audit/before/amount").asInt()).isEqualTo(100);
        assertThat(doc.at("/audit/after/amount").asInt()).isEqualTo(120);
        assertThat(doc.at("/user/roles").isArray()).isTrue();
        assertThat(doc.at("/user/roles/1").asText()).isEqualTo("admin");
        assertThat(doc.at("/source/ip").asText()).isEqualTo("10.1.2.3");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(1500000L);
        assertThat(doc.has("labels")).isFalse();
    }

    @Test
    void maps_job_fields_from_markers_and_keeps_marker_tags() throws Exception {
        LoggingEvent e = event(Level.INFO, "nightly export finished", null);
        e.addMarker(Markers.append("job.id", "run-2026-11-21").and(Markers.append("job.name", "nightly-export"))
                .and(Markers.append("job.state", "SUCCEEDED")));
        e.addMarker(MarkerFactory.getMarker("SCHEDULED"));
        JsonNode doc = accepted(encode(e));

        assertThat(doc.at("/job/id").asText()).isEqualTo("run-2026-11-21");
        assertThat(doc.at("/job/name").asText()).isEqualTo("nightly-export");
        assertThat(doc.at("/job/state").asText()).isEqualTo("succeeded");
        assertThat(doc.get("tags").toString()).isEqualTo("[\"SCHEDULED\"]");
    }

    @Test
    void maps_stack_trace_and_derives_error_type_and_message() throws Exception {
        LoggingEvent e = event(Level.ERROR, "payment failed", new IllegalStateException("card declined"));
        JsonNode doc = accepted(encode(e));

        assertThat(doc.at("/log/level").asText()).isEqualTo("error");
        assertThat(doc.at("/error/stack_trace").asText())
                .startsWith("java.lang.IllegalStateException: card declined").contains("\tat ");
        assertThat(doc.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(doc.at("/error/message").asText()).isEqualTo("card declined");
    }

    @Test
    void accepts_ecs_dotted_and_nested_input() throws Exception {
        JsonNode doc = accepted("""
                {"@timestamp":"%s","log.level":"ERROR","message":"boom","ecs.version":"1.2.0",
                 "service.name":"orders","event.dataset":"orders.log","process.thread.name":"main",
                 "log":{"logger":"com.acme.Orders"},"error":{"type":"java.io.IOException","message":"disk"},
                 "user":{"name":"alice","email":"alice@example.com","department":"sales"},
                 "host":{"name":"web-1"},"labels":{"region":"eu-west"}}""".formatted(now.minusSeconds(1)));

        assertThat(doc.at("/log/level").asText()).isEqualTo("error");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(doc.at("/service/name").asText()).isEqualTo("orders");
        assertThat(doc.at("/error/type").asText()).isEqualTo("java.io.IOException");
        assertThat(doc.at("/user/email").asText()).isEqualTo("alice@example.com");
        assertThat(doc.at("/host/name").asText()).isEqualTo("web-1");
        assertThat(doc.get("labels").get("event.dataset").asText()).isEqualTo("orders.log");
        assertThat(doc.get("labels").get("user.department").asText()).isEqualTo("sales");
        assertThat(doc.get("labels").get("region").asText()).isEqualTo("eu-west");
        assertThat(doc.has("ecs")).isFalse();
    }

    @Test
    void moves_values_of_wrong_type_to_labels_and_flags_them() throws Exception {
        JsonNode doc = accepted("""
                {"@timestamp":"%s","message":{"text":"structured"},"level":"LOUD","user.roles":[{"x":1}],
                 "source.ip":"not-an-ip","event.duration":"12","user.id":17,"thread_name":["a"],"tags":"single"}"""
                .formatted(now));

        assertThat(doc.get("message").asText()).isEqualTo("{\"text\":\"structured\"}");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(12);
        assertThat(doc.at("/user/id").asText()).isEqualTo("17");
        assertThat(doc.has("log")).isFalse();
        assertThat(doc.get("labels").get("level").asText()).isEqualTo("LOUD");
        assertThat(doc.get("labels").get("source.ip").asText()).isEqualTo("not-an-ip");
        assertThat(doc.get("labels").get("user.roles").isArray()).isTrue();
        assertThat(doc.get("labels").get("thread_name").isArray()).isTrue();
        assertThat(doc.get("tags").toString()).isEqualTo("[\"single\",\"_field_type_mismatch\"]");
    }

    @Test
    void uses_receive_time_and_flags_missing_timestamp() throws Exception {
        NormalizationResult.Accepted result = (NormalizationResult.Accepted) normalizer.normalize("{\"message\":\"x\"}", now);
        assertThat(result.event().timestamp()).isEqualTo(now);
        assertThat(result.event().flags()).containsExactly(CanonicalEvent.TIMESTAMP_MISSING);
        assertThat(JSON.readTree(result.event().json()).get("tags").get(0).asText()).isEqualTo("_timestamp_missing");
    }

    @Test
    void replaces_absurd_and_unparseable_timestamps_keeping_the_original() throws Exception {
        JsonNode past = accepted("{\"@timestamp\":\"1970-01-01T00:00:00Z\",\"message\":\"x\"}");
        JsonNode future = accepted("{\"@timestamp\":\"9999-12-31T23:59:59+01:00\",\"message\":\"x\"}");
        JsonNode garbage = accepted("{\"@timestamp\":\"yesterday-ish\",\"message\":\"x\"}");

        assertThat(past.get("@timestamp").asText()).isEqualTo(now.toString());
        assertThat(past.get("tags").get(0).asText()).isEqualTo(CanonicalEvent.TIMESTAMP_OUT_OF_RANGE);
        assertThat(past.get("labels").get("logwarden.original_timestamp").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(future.get("tags").get(0).asText()).isEqualTo(CanonicalEvent.TIMESTAMP_OUT_OF_RANGE);
        assertThat(garbage.get("tags").get(0).asText()).isEqualTo(CanonicalEvent.TIMESTAMP_INVALID);
        assertThat(garbage.get("@timestamp").asText()).isEqualTo(now.toString());
    }

    @Test
    void accepts_epoch_millis_and_offset_timestamps() throws Exception {
        Instant t = now.minusSeconds(60);
        assertThat(accepted("{\"@timestamp\":" + t.toEpochMilli() + "}").get("@timestamp").asText()).isEqualTo(t.toString());
        String offset = t.atOffset(java.time.ZoneOffset.ofHours(2)).toString();
        assertThat(accepted("{\"@timestamp\":\"" + offset + "\"}").get("@timestamp").asText()).isEqualTo(t.toString());
    }

    @Test
    void keeps_ten_thousand_distinct_fields_in_labels_only() throws Exception {
        StringBuilder line = new StringBuilder("{\"message\":\"wide\"");
        for (int i = 0; i < 10_000; i++) {
            line.append(",\"field_").append(i).append("\":").append(i);
        }
        JsonNode doc = accepted(line.append('}').toString());
        assertThat(doc.get("labels").size()).isEqualTo(10_000);
        assertThat(doc.size()).isEqualTo(5); // @timestamp, message, event, tags, labels
    }

    @Test
    void rejects_malformed_json() {
        assertThat(rejected("{\"message\":".getBytes()).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejected("{\"a\":1} trailing".getBytes()).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejected("   ".getBytes()).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void rejects_json_that_is_not_an_object() {
        assertThat(rejected("[1,2]".getBytes()).reason()).isEqualTo(RejectReason.NOT_AN_OBJECT);
        assertThat(rejected("\"hello\"".getBytes()).detail()).contains("string");
    }

    @Test
    void rejects_invalid_utf8() {
        byte[] line = "{\"message\":\"caf\u00e9 XX\"}".getBytes(StandardCharsets.UTF_8);
        line[line.length - 5] = (byte) 0xC3;
        line[line.length - 4] = (byte) 0x28;
        assertThat(rejected(line).reason()).isEqualTo(RejectReason.INVALID_UTF8);
    }

    @Test
    void rejects_binary_garbage() {
        byte[] garbage = new byte[256];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0x8F;
        assertThat(rejected(garbage).reason()).isIn(RejectReason.MALFORMED_JSON, RejectReason.INVALID_UTF8);
    }

    @Test
    void rejects_deeply_nested_json() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertThat(rejected(deep.getBytes()).reason()).isEqualTo(RejectReason.TOO_DEEP);
    }

    @Test
    void maps_caller_fields_durations_and_addresses_with_their_coercions() throws Exception {
        JsonNode doc = accepted("""
                {"@timestamp":"%s","caller_method_name":"pay","caller_file_name":"Pay.java","caller_line_number":"42",
                 "event.duration":1.6,"clientIp":" ::1 ","user.roles":["a",null,7],"event.category":"web",
                 "event.outcome":"FAILURE","job.state":"Started","userAgent":"curl/8"}""".formatted(now.minusSeconds(2)));

        assertThat(doc.at("/log/origin/function").asText()).isEqualTo("pay");
        assertThat(doc.at("/log/origin/file/name").asText()).isEqualTo("Pay.java");
        assertThat(doc.at("/log/origin/file/line").isIntegralNumber()).isTrue();
        assertThat(doc.at("/log/origin/file/line").asLong()).isEqualTo(42);
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(2);
        assertThat(doc.at("/source/ip").asText()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(doc.at("/user/roles").toString()).isEqualTo("[\"a\",\"7\"]");
        assertThat(doc.at("/event/category").toString()).isEqualTo("[\"web\"]");
        assertThat(doc.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(doc.at("/job/state").asText()).isEqualTo("started");
        assertThat(doc.at("/user_agent/original").asText()).isEqualTo("curl/8");
        assertThat(doc.at("/event/ingested").asText()).isEqualTo(now.toString());
        assertThat(doc.has("labels")).isFalse();
        assertThat(doc.has("tags")).isFalse();
    }

    @Test
    void keeps_labels_object_values_drops_nulls_and_labels_unknown_keys_under_schema_objects() throws Exception {
        JsonNode doc = accepted("""
                {"labels":{"team":"core","gone":null,"nested":{"a":[1,2]}},"note":null,"user":{"dept":"ops"},
                 "log":"not an object","ecs":{"version":"8.11"},"@version":"1","level_value":20000,
                 "message":["structured",{"k":1.5}]}""");

        assertThat(doc.at("/labels/team").asText()).isEqualTo("core");
        assertThat(doc.at("/labels/nested/a/1").asInt()).isEqualTo(2);
        assertThat(doc.get("labels").has("gone")).isFalse();
        assertThat(doc.get("labels").has("note")).isFalse();
        assertThat(doc.at("/labels/user.dept").asText()).isEqualTo("ops");
        assertThat(doc.at("/labels/log").asText()).isEqualTo("not an object");
        assertThat(doc.get("labels").size()).isEqualTo(4);
        assertThat(doc.get("message").asText()).isEqualTo("[\"structured\",{\"k\":1.5}]");
        assertThat(doc.has("ecs")).isFalse();
    }

    @Test
    void a_repeated_key_keeps_its_last_value() throws Exception {
        JsonNode doc = accepted("{\"message\":\"first\",\"region\":\"eu\",\"message\":\"last\",\"region\":null}");
        assertThat(doc.get("message").asText()).isEqualTo("last");
        assertThat(doc.has("labels")).isFalse();
    }

    @Test
    void absurd_numeric_timestamps_become_receive_time_flagged_out_of_range() throws Exception {
        for (String stamp : new String[] {"1e300", "-1e300", "1e400", "-1e400", "123456789012345678901234567890",
                "-123456789012345678901234567890", "9223372036854775807", "-9223372036854775808"}) {
            NormalizationResult.Accepted result = (NormalizationResult.Accepted)
                    normalizer.normalize("{\"@timestamp\":" + stamp + ",\"message\":\"x\"}", now);
            assertThat(result.event().timestamp()).as(stamp).isEqualTo(now);
            assertThat(result.event().flags()).as(stamp).containsExactly(CanonicalEvent.TIMESTAMP_OUT_OF_RANGE);
            // 1e400 is kept as "Infinity": JSON has no number for it
            assertThat(JSON.readTree(result.event().json()).at("/labels/logwarden.original_timestamp").isMissingNode())
                    .as(stamp).isFalse();
        }
    }

    @Test
    void non_numeric_timestamp_text_becomes_receive_time_flagged_invalid() throws Exception {
        for (String stamp : new String[] {"NaN", "-NaN", "Infinity", "-Infinity", "1e300", "0x10", "99999999999999999999"}) {
            NormalizationResult.Accepted result = (NormalizationResult.Accepted)
                    normalizer.normalize("{\"@timestamp\":\"" + stamp + "\"}", now);
            assertThat(result.event().timestamp()).as(stamp).isEqualTo(now);
            assertThat(result.event().flags()).as(stamp).containsExactly(CanonicalEvent.TIMESTAMP_INVALID);
            assertThat(JSON.readTree(result.event().json()).at("/labels/logwarden.original_timestamp").asText())
                    .isEqualTo(stamp);
        }
    }

    @Test
    void rejects_numbers_and_keys_over_the_parser_limits_as_too_large_not_too_deep() {
        NormalizationResult.Rejected longNumber = rejected(("{\"n\":" + "9".repeat(1001) + "}").getBytes());
        NormalizationResult.Rejected longKey = rejected(("{\"" + "k".repeat(50_001) + "\":1}").getBytes());

        assertThat(longNumber.reason()).isEqualTo(RejectReason.VALUE_TOO_LARGE);
        assertThat(longNumber.detail()).contains("Number value length");
        assertThat(longKey.reason()).isEqualTo(RejectReason.VALUE_TOO_LARGE);
        assertThat(longKey.detail()).contains("Name length");
        assertThat(RejectReason.VALUE_TOO_LARGE.code()).isEqualTo("value_too_large");
    }

    @Test
    void rejects_bytes_that_look_like_another_json_encoding_without_throwing() {
        byte[] utf32 = {0, 0, 0, '{', 0, 0, (byte) 0xD8, 0, 0, 0, 0, '}'};
        byte[] utf16 = {0, '{', (byte) 0xDC, 0, 0, '}'};
        assertThat(rejected(utf32).reason()).isIn(RejectReason.MALFORMED_JSON, RejectReason.INVALID_UTF8);
        assertThat(rejected(utf16).reason()).isIn(RejectReason.MALFORMED_JSON, RejectReason.INVALID_UTF8);
    }

    @Test
    void keeps_escaped_lone_surrogates_instead_of_failing() throws Exception {
        JsonNode doc = accepted("{\"message\":\"half \\ud800 pair\",\"x\":\"\\udc00\"}");
        assertThat(doc.get("message").asText()).isEqualTo("half \ud800 pair");
        assertThat(doc.at("/labels/x").asText()).isEqualTo("\udc00");
    }
}
