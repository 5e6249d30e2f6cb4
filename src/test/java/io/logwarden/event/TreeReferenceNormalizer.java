package io.logwarden.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tree-based normaliser Logwarden used before the streaming one (main at 554e030: EventNormalizer,
 * DocumentBuilder and Timestamps in one file), kept unchanged as the reference that
 * {@link StreamingNormalizerEquivalenceTest} compares the streaming normaliser with. Test code only.
 */
final class TreeReferenceNormalizer {

    private static final Set<String> SCHEMA_PREFIXES = schemaPrefixes();

    private final ObjectMapper mapper;
    private final EventNormalizer.Settings settings;

    public TreeReferenceNormalizer() {
        this(EventNormalizer.Settings.defaults());
    }

    public TreeReferenceNormalizer(EventNormalizer.Settings settings) {
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
        Instant parsed = parseTimestamp(raw);
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

    /** The old DocumentBuilder. */
    static final class DocumentBuilder {
    
        private final Map<String, Object> known = new LinkedHashMap<>();
        private final Map<String, JsonNode> labels = new LinkedHashMap<>();
        private final List<String> tags = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();
    
        public void flag(String flag) {
            if (!flags.contains(flag)) {
                flags.add(flag);
            }
        }
    
        public List<String> flags() {
            return flags;
        }
    
        public void label(String key, JsonNode value) {
            if (!value.isNull()) {
                labels.put(key, value);
            }
        }
    
        /** Sets a schema field, or moves the value to labels (flagged) when it cannot have the field's type. */
        public void known(String field, EcsFields.Kind kind, JsonNode value, String inputKey) {
            if (value.isNull()) {
                return;
            }
            Object coerced = switch (kind) {
                case STRING -> string(field, value);
                case STRING_LIST -> stringList(value);
                case LONG -> longValue(value);
                case IP -> ip(value);
                case OPAQUE -> value;
            };
            if (coerced == null) {
                flag(CanonicalEvent.FIELD_TYPE_MISMATCH);
                labels.put(inputKey, value);
            } else if (field.equals(EcsFields.TAGS)) {
                @SuppressWarnings("unchecked") List<String> list = (List<String>) coerced;
                list.forEach(t -> {
                    if (!tags.contains(t)) {
                        tags.add(t);
                    }
                });
            } else {
                known.put(field, coerced);
            }
        }
    
        /** Fills {@code error.type} and {@code error.message} from the first line of a Java stack trace. */
        public void deriveErrorFromStackTrace() {
            if (!(known.get("error.stack_trace") instanceof String trace) || known.containsKey("error.type")) {
                return;
            }
            int eol = trace.indexOf('\n');
            String first = (eol < 0 ? trace : trace.substring(0, eol)).strip();
            int colon = first.indexOf(": ");
            String type = colon < 0 ? first : first.substring(0, colon);
            if (!type.isEmpty() && type.indexOf(' ') < 0 && type.indexOf('.') > 0) {
                known.put("error.type", type);
                if (colon >= 0 && !known.containsKey("error.message")) {
                    known.put("error.message", first.substring(colon + 2));
                }
            }
        }
    
        /** The nested document: {@code @timestamp} first, then schema fields, tags and labels. */
        public Map<String, Object> build(Instant timestamp, Instant ingested) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put(EcsFields.TIMESTAMP, timestamp.toString());
            known.forEach((field, value) -> put(root, field, value));
            put(root, EcsFields.INGESTED, ingested.toString());
            for (String flag : flags) {
                if (!tags.contains(flag)) {
                    tags.add(flag);
                }
            }
            if (!tags.isEmpty()) {
                root.put(EcsFields.TAGS, tags);
            }
            if (!labels.isEmpty()) {
                root.put(EcsFields.LABELS, labels);
            }
            return root;
        }
    
        @SuppressWarnings("unchecked")
        private static void put(Map<String, Object> root, String dotted, Object value) {
            Map<String, Object> node = root;
            int start = 0;
            int dot;
            while ((dot = dotted.indexOf('.', start)) > 0) {
                String part = dotted.substring(start, dot);
                node = (Map<String, Object>) node.computeIfAbsent(part, k -> new LinkedHashMap<String, Object>());
                start = dot + 1;
            }
            node.put(dotted.substring(start), value);
        }
    
        private static String string(String field, JsonNode value) {
            String text;
            if (value.isValueNode()) {
                text = value.asText();
            } else if (field.equals(EcsFields.MESSAGE)) {
                text = value.toString();
            } else {
                return null;
            }
            if (field.equals(EcsFields.LEVEL)) {
                return level(text);
            }
            return EcsFields.LOWER_CASED.contains(field) ? text.toLowerCase(Locale.ROOT) : text;
        }
    
        static String level(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "trace", "finest", "finer", "all" -> "trace";
                case "debug", "fine", "config" -> "debug";
                case "info", "information", "informational", "notice" -> "info";
                case "warn", "warning" -> "warn";
                case "error", "err", "severe" -> "error";
                case "critical", "crit", "fatal", "alert", "emerg", "emergency" -> "critical";
                default -> null;
            };
        }
    
        private static List<String> stringList(JsonNode value) {
            List<String> out = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isValueNode()) {
                        return null;
                    }
                    if (!item.isNull()) {
                        out.add(item.asText());
                    }
                }
                return out;
            }
            if (value.isValueNode()) {
                out.add(value.asText());
                return out;
            }
            return null;
        }
    
        private static Long longValue(JsonNode value) {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return value.asLong();
            }
            if (value.isNumber()) {
                double d = value.asDouble(); // out of the long range: a type mismatch, not Long.MAX_VALUE
                return d >= -0x1p63 && d < 0x1p63 ? Math.round(d) : null;
            }
            if (value.isTextual()) {
                try {
                    return Long.parseLong(value.asText().strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    
        private static String ip(JsonNode value) {
            if (!value.isTextual()) {
                return null;
            }
            try {
                return InetAddress.ofLiteral(value.asText().strip()).getHostAddress();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** The instant, or {@code null} if the value is not a timestamp. */
    static Instant parseTimestamp(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value.isNumber()) {
            double millis = value.asDouble();
            return Instant.ofEpochSecond((long) Math.floor(millis / 1000), (long) ((millis % 1000) * 1_000_000) % 1_000_000_000);
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText().trim();
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Instant.from(parsed);
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 16) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            return null;
        }
    }
}
