package io.logwarden.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.event.internal.DocumentBuilder;
import io.logwarden.event.internal.Timestamps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one JSON line (logstash-logback-encoder default names, ECS dotted or nested names, or a mix) into a
 * {@link CanonicalEvent}. Thread-safe; create one and share it.
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

    private static final Set<String> SCHEMA_PREFIXES = schemaPrefixes();

    private final ObjectMapper mapper;
    private final Settings settings;

    public EventNormalizer() {
        this(Settings.defaults());
    }

    public EventNormalizer(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(settings.maxNestingDepth())
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public NormalizationResult normalize(String line, Instant receivedAt) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return normalize(bytes, 0, bytes.length, receivedAt);
    }

    /** Normalises {@code len} bytes of UTF-8 JSON starting at {@code off}; never throws for bad input. */
    public NormalizationResult normalize(byte[] buf, int off, int len, Instant receivedAt) {
        JsonNode root;
        try {
            root = mapper.readTree(buf, off, len);
        } catch (StreamConstraintsException e) {
            return new NormalizationResult.Rejected(RejectReason.TOO_DEEP,
                    "JSON nested deeper than " + settings.maxNestingDepth() + " levels");
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.contains("Invalid UTF-8")) {
                return new NormalizationResult.Rejected(RejectReason.INVALID_UTF8, shorten(msg));
            }
            return new NormalizationResult.Rejected(RejectReason.MALFORMED_JSON, shorten(msg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            return new NormalizationResult.Rejected(RejectReason.MALFORMED_JSON, "empty line");
        }
        if (!root.isObject()) {
            return new NormalizationResult.Rejected(RejectReason.NOT_AN_OBJECT,
                    "expected a JSON object, got " + root.getNodeType().name().toLowerCase());
        }
        DocumentBuilder doc = new DocumentBuilder();
        JsonNode rawTimestamp = walk(root, "", doc);
        Instant timestamp = resolveTimestamp(rawTimestamp, receivedAt, doc);
        doc.deriveErrorFromStackTrace();
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(doc.build(timestamp, receivedAt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a normalised event", e);
        }
        return new NormalizationResult.Accepted(new CanonicalEvent(timestamp, receivedAt, json, doc.flags()));
    }

    /** Walks an object, returns the raw {@code @timestamp} if seen. */
    private JsonNode walk(JsonNode object, String prefix, DocumentBuilder doc) {
        JsonNode timestamp = null;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            if (value.isObject() && SCHEMA_PREFIXES.contains(path)) {
                JsonNode nested = walk(value, path, doc);
                timestamp = nested != null ? nested : timestamp;
                continue;
            }
            String canonical = prefix.isEmpty() ? EcsFields.ALIASES.getOrDefault(name, name) : path;
            if (EcsFields.DROPPED.contains(canonical)) {
                continue;
            }
            if (canonical.equals(EcsFields.TIMESTAMP)) {
                timestamp = value;
            } else if (canonical.equals(EcsFields.LABELS) && value.isObject()) {
                value.properties().forEach(e -> doc.label(e.getKey(), e.getValue()));
            } else if (EcsFields.KNOWN.containsKey(canonical)) {
                doc.known(canonical, EcsFields.KNOWN.get(canonical), value, path);
            } else {
                doc.label(path, value);
            }
        }
        return timestamp;
    }

    private Instant resolveTimestamp(JsonNode raw, Instant receivedAt, DocumentBuilder doc) {
        if (raw == null || raw.isNull()) {
            doc.flag(CanonicalEvent.TIMESTAMP_MISSING);
            return receivedAt;
        }
        Instant parsed = Timestamps.parse(raw);
        if (parsed == null) {
            doc.flag(CanonicalEvent.TIMESTAMP_INVALID);
            doc.label("logwarden.original_timestamp", raw);
            return receivedAt;
        }
        if (parsed.isBefore(receivedAt.minus(settings.maxPast()))
                || parsed.isAfter(receivedAt.plus(settings.maxFuture()))) {
            doc.flag(CanonicalEvent.TIMESTAMP_OUT_OF_RANGE);
            doc.label("logwarden.original_timestamp", raw);
            return receivedAt;
        }
        return parsed;
    }

    private static String shorten(String msg) {
        if (msg == null) {
            return "unreadable JSON";
        }
        String oneLine = msg.replace('\n', ' ');
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    private static Set<String> schemaPrefixes() {
        Set<String> prefixes = new HashSet<>();
        for (String field : EcsFields.KNOWN.keySet()) {
            int dot = field.indexOf('.');
            while (dot > 0) {
                prefixes.add(field.substring(0, dot));
                dot = field.indexOf('.', dot + 1);
            }
        }
        prefixes.add("ecs");
        prefixes.add("event");
        return Set.copyOf(prefixes);
    }
}
