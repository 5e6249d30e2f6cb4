package io.logwarden.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.event.internal.EventDocument;
import io.logwarden.event.internal.EventWalker;
import io.logwarden.event.internal.JsonOutput;
import io.logwarden.event.internal.Labels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns one JSON line (logstash-logback-encoder default names, ECS dotted or nested names, or a mix) into a
 * {@link CanonicalEvent}. Thread-safe; create one and share it.
 *
 * <p>The line is streamed once from parser to generator (docs/decisions/012): schema fields are coerced into
 * slots, unknown fields are copied into {@code labels} as they pass. A line that repeats a key is normalised
 * again from its parsed tree, so that the last value wins exactly as it would in a map.
 */
public final class EventNormalizer {

    /**
     * Limits applied while normalising.
     *
     * @param maxPast         older timestamps are replaced by the receive time and flagged
     * @param maxFuture       later timestamps are replaced by the receive time and flagged
     * @param maxNestingDepth deeper JSON is rejected ({@link RejectReason#TOO_DEEP})
     */
    public record Settings(Duration maxPast, Duration maxFuture, int maxNestingDepth) {
        public static Settings defaults() {
            return new Settings(Duration.ofDays(30), Duration.ofHours(1), 20);
        }
    }

    /** A thread keeps its output buffer up to this size between events (a TCP connection, an HTTP request). */
    private static final int MAX_KEPT_OUTPUT_BYTES = 64 * 1024;

    private final Settings settings;
    private final JsonFactory json;
    private final ObjectMapper trees;
    /** Per thread, one output reused event after event: a new buffer and generator per event fed the GC. */
    private final ThreadLocal<JsonOutput> outputs = ThreadLocal.withInitial(this::newOutput);

    public EventNormalizer() {
        this(Settings.defaults());
    }

    public EventNormalizer(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(settings.maxNestingDepth())
                        .build())
                .build();
        this.trees = new ObjectMapper(json).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private JsonOutput newOutput() {
        try {
            return new JsonOutput(json, 4096);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public NormalizationResult normalize(String line, Instant receivedAt) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return normalize(bytes, 0, bytes.length, receivedAt);
    }

    /** Normalises {@code len} bytes of UTF-8 JSON starting at {@code off}; never throws for bad input. */
    public NormalizationResult normalize(byte[] buf, int off, int len, Instant receivedAt) {
        try {
            try {
                return streamed(buf, off, len, receivedAt);
            } catch (EventWalker.DuplicateKeys e) {
                return fromTree(buf, off, len, receivedAt);
            }
        } catch (StreamConstraintsException e) {
            if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
                return rejected(RejectReason.TOO_DEEP, "JSON nested deeper than " + settings.maxNestingDepth() + " levels");
            }
            return rejected(RejectReason.VALUE_TOO_LARGE, shorten(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            return unreadable(e.getOriginalMessage());
        } catch (IOException e) {
            // CharConversionException and friends: the bytes are not text in any JSON encoding.
            return unreadable(e.getMessage());
        }
    }

    private NormalizationResult streamed(byte[] buf, int off, int len, Instant receivedAt) throws IOException {
        JsonOutput out = outputs.get();
        boolean reusable = false;
        try (JsonParser p = json.createParser(buf, off, len)) {
            NormalizationResult result = streamed(p, out, receivedAt);
            reusable = out.reset(MAX_KEPT_OUTPUT_BYTES);
            return result;
        } finally {
            if (!reusable) {
                outputs.remove(); // failed mid-value (its generator is not between values) or grew too large
            }
        }
    }

    private NormalizationResult streamed(JsonParser p, JsonOutput out, Instant receivedAt) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            return notAnObject(p, first);
        }
        EventDocument doc = new EventDocument();
        Labels labels = new Labels(true);
        EventWalker walker = new EventWalker(out, doc, labels, true);
        walker.object(p, null);
        if (p.nextToken() != null) {
            return rejected(RejectReason.MALFORMED_JSON, "unexpected content after the JSON object");
        }
        return accepted(walker, doc, labels, out, receivedAt);
    }

    /** The slow path for lines that repeat a key: the tree keeps the last value of each key, as before. */
    private NormalizationResult fromTree(byte[] buf, int off, int len, Instant receivedAt) throws IOException {
        JsonNode root = trees.readTree(buf, off, len);
        try (JsonParser p = trees.treeAsTokens(root);
             JsonOutput out = new JsonOutput(json, 2 * len + 256)) {
            p.nextToken();
            EventDocument doc = new EventDocument();
            Labels labels = new Labels(false);
            EventWalker walker = new EventWalker(out, doc, labels, false);
            walker.object(p, null);
            return accepted(walker, doc, labels, out, receivedAt);
        }
    }

    private NormalizationResult accepted(EventWalker walker, EventDocument doc, Labels labels, JsonOutput out,
                                         Instant receivedAt) throws IOException {
        Instant timestamp = walker.resolveTimestamp(receivedAt, settings.maxPast(), settings.maxFuture());
        doc.deriveErrorFromStackTrace();
        byte[] document = doc.write(out, timestamp, receivedAt, labels);
        return new NormalizationResult.Accepted(new CanonicalEvent(timestamp, receivedAt, document, doc.flags()));
    }

    private static NormalizationResult notAnObject(JsonParser p, JsonToken first) throws IOException {
        if (first == null) {
            return rejected(RejectReason.MALFORMED_JSON, "empty line");
        }
        p.skipChildren();
        if (p.nextToken() != null) {
            return rejected(RejectReason.MALFORMED_JSON, "unexpected content after the JSON value");
        }
        String kind = switch (first) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            default -> "null";
        };
        return rejected(RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + kind);
    }

    private static NormalizationResult unreadable(String msg) {
        if (msg != null && msg.contains("Invalid UTF-8")) {
            return rejected(RejectReason.INVALID_UTF8, shorten(msg));
        }
        return rejected(RejectReason.MALFORMED_JSON, shorten(msg));
    }

    private static NormalizationResult rejected(RejectReason reason, String detail) {
        return new NormalizationResult.Rejected(reason, detail);
    }

    private static String shorten(String msg) {
        if (msg == null) {
            return "unreadable JSON";
        }
        String oneLine = msg.replace('\n', ' ');
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
