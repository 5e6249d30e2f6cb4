package io.logwarden.event.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwarden.event.CanonicalEvent;
import io.logwarden.event.EcsFields;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the fields of one event, coercing known fields to their types, and builds the nested document. */
public final class DocumentBuilder {

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
