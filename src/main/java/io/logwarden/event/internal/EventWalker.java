package io.logwarden.event.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logwarden.event.CanonicalEvent;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One pass over one input object's tokens: schema fields are coerced into an {@link EventDocument}'s slots,
 * everything else is copied to the labels as it streams by, and {@code @timestamp} is kept for
 * {@link #resolveTimestamp}. Values are never built into a tree.
 *
 * <p>A key met twice is where a stream and a tree differ (a tree keeps only the last value). With
 * {@code detectDuplicates}, a repeated routed key throws {@link DuplicateKeys}, and so does a repeated label
 * ({@link Labels}) or a key repeated inside a copied object ({@link JsonOutput#copy}): the caller then walks the
 * parsed tree instead, which has no duplicates.
 */
public final class EventWalker {

    /** The input repeats a key; walk its tree instead. */
    public static final class DuplicateKeys extends RuntimeException {
        public DuplicateKeys() {
            super("duplicate keys", null, false, false);
        }
    }

    private static final String ORIGINAL_TIMESTAMP = "logwarden.original_timestamp";
    private static final Object NULL_ITEM = new Object();

    private final JsonOutput out;
    private final EventDocument doc;
    private final Labels labels;
    private final boolean detectDuplicates;
    private final long[] seen;
    private JsonToken timestampToken;
    private String timestampText;
    private long timestampLong;
    private BigInteger timestampBig;
    private double timestampDouble;
    private RawJson timestampOther;

    public EventWalker(JsonOutput out, EventDocument doc, Labels labels, boolean detectDuplicates) {
        this.out = out;
        this.doc = doc;
        this.labels = labels;
        this.detectDuplicates = detectDuplicates;
        this.seen = detectDuplicates ? new long[(FieldRoutes.routeCount() + 63) / 64] : null;
    }

    /** Walks the fields of the object whose START_OBJECT the parser is on, up to its END_OBJECT. */
    public void object(JsonParser p, String prefix) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            String path = prefix == null ? name : prefix + '.' + name;
            FieldRoutes.Route route = FieldRoutes.of(path);
            if (route == null) {
                label(path, p, t);
                continue;
            }
            if (detectDuplicates && route.action() != FieldRoutes.Action.DROP) {
                long bit = 1L << (route.id() & 63);
                if ((seen[route.id() >> 6] & bit) != 0) {
                    throw new DuplicateKeys();
                }
                seen[route.id() >> 6] |= bit;
            }
            if (t == JsonToken.START_OBJECT && route.prefix()) {
                object(p, path);
                continue;
            }
            switch (route.action()) {
                case DROP -> p.skipChildren();
                case TIMESTAMP -> captureTimestamp(p, t);
                case LABELS_OBJECT -> labelsObject(p, t, path);
                case KNOWN -> known(route.field(), p, t, path);
                case LABEL -> label(path, p, t);
            }
        }
    }

    private void label(String key, JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            labels.putNull(key);
        } else {
            labels.put(key, out.copy(p));
        }
    }

    private void labelsObject(JsonParser p, JsonToken t, String path) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            label(path, p, t);
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            label(name, p, p.nextToken());
        }
    }

    private void known(FieldRoutes.KnownField field, JsonParser p, JsonToken t, String path) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        switch (field.kind()) {
            case STRING -> string(field, p, t, path);
            case STRING_LIST -> stringList(field, p, t, path);
            case LONG -> longValue(field, p, t, path);
            case IP -> ip(field, p, t, path);
            case OPAQUE -> doc.set(field, out.copy(p));
        }
    }

    private void string(FieldRoutes.KnownField field, JsonParser p, JsonToken t, String path) throws IOException {
        String text;
        if (t.isScalarValue()) {
            text = scalarText(p, t);
        } else if (field.isMessage()) {
            text = out.copy(p).getValue();
        } else {
            mismatch(path, p, t);
            return;
        }
        if (field.isLevel()) {
            String level = level(text);
            if (level == null) {
                mismatch(path, p, t);
                return;
            }
            text = level;
        } else if (field.isLowerCased()) {
            text = text.toLowerCase(Locale.ROOT);
        }
        doc.set(field, text);
    }

    private void stringList(FieldRoutes.KnownField field, JsonParser p, JsonToken t, String path) throws IOException {
        List<String> list;
        if (t.isScalarValue()) {
            list = new ArrayList<>(1);
            list.add(scalarText(p, t));
        } else if (t == JsonToken.START_ARRAY) {
            list = array(p, path);
            if (list == null) {
                return;
            }
        } else {
            mismatch(path, p, t);
            return;
        }
        if (field.isTags()) {
            doc.addTags(list);
        } else {
            doc.set(field, list);
        }
    }

    /** The array's scalar items as text (nulls skipped), or null after moving an array with a container to labels. */
    private List<String> array(JsonParser p, String path) throws IOException {
        List<String> texts = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            if (!item.isScalarValue()) {
                // Rare: rebuild the array as it came (values seen so far, then the rest copied) for the labels.
                int start = out.position();
                JsonGenerator g = out.generator();
                g.writeStartArray();
                for (Object v : values) {
                    writeScalar(g, v);
                }
                for (JsonToken rest = item; rest != JsonToken.END_ARRAY; rest = p.nextToken()) {
                    out.copyValue(p, rest);
                }
                g.writeEndArray();
                doc.flag(CanonicalEvent.FIELD_TYPE_MISMATCH);
                labels.put(path, out.done(start));
                return null;
            }
            values.add(scalarValue(p, item));
            if (item != JsonToken.VALUE_NULL) {
                texts.add(scalarText(p, item));
            }
        }
        return texts;
    }

    private void longValue(FieldRoutes.KnownField field, JsonParser p, JsonToken t, String path) throws IOException {
        Long value = switch (t) {
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? inLongRange(p.getBigIntegerValue().doubleValue()) : Long.valueOf(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> inLongRange(p.getDoubleValue());
            case VALUE_STRING -> parseLong(p.getText());
            default -> null;
        };
        if (value == null) {
            mismatch(path, p, t);
        } else {
            doc.set(field, value);
        }
    }

    /** Out of the long range is a type mismatch, not {@code Long.MAX_VALUE}. */
    private static Long inLongRange(double d) {
        return d >= -0x1p63 && d < 0x1p63 ? Math.round(d) : null;
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void ip(FieldRoutes.KnownField field, JsonParser p, JsonToken t, String path) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            try {
                doc.set(field, InetAddress.ofLiteral(p.getText().strip()).getHostAddress());
                return;
            } catch (IllegalArgumentException e) {
                // not an address literal
            }
        }
        mismatch(path, p, t);
    }

    /** A known field's value could not take the field's type: it goes to labels under the input key, flagged. */
    private void mismatch(String path, JsonParser p, JsonToken t) throws IOException {
        doc.flag(CanonicalEvent.FIELD_TYPE_MISMATCH);
        label(path, p, t);
    }

    private void captureTimestamp(JsonParser p, JsonToken t) throws IOException {
        timestampToken = t;
        timestampBig = null;
        timestampOther = null;
        switch (t) {
            case VALUE_STRING -> timestampText = p.getText();
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    timestampBig = p.getBigIntegerValue();
                } else {
                    timestampLong = p.getLongValue();
                }
            }
            case VALUE_NUMBER_FLOAT -> timestampDouble = p.getDoubleValue();
            case VALUE_NULL -> {
                // same as missing
            }
            default -> timestampOther = out.copy(p);
        }
    }

    /**
     * The event's time: the input's {@code @timestamp} when it parses and lies within the window, else the receive
     * time with a flag (and the original kept in labels when there was one).
     */
    public Instant resolveTimestamp(Instant receivedAt, Duration maxPast, Duration maxFuture) throws IOException {
        if (timestampToken == null || timestampToken == JsonToken.VALUE_NULL) {
            doc.flag(CanonicalEvent.TIMESTAMP_MISSING);
            return receivedAt;
        }
        Instant parsed = switch (timestampToken) {
            case VALUE_STRING -> Timestamps.parse(timestampText);
            case VALUE_NUMBER_INT -> timestampBig != null ? Timestamps.ofEpochMilli(timestampBig)
                    : Timestamps.ofEpochMilli(timestampLong);
            case VALUE_NUMBER_FLOAT -> Timestamps.ofEpochMilli(timestampDouble);
            default -> null;
        };
        if (parsed == null) {
            doc.flag(CanonicalEvent.TIMESTAMP_INVALID);
            labels.put(ORIGINAL_TIMESTAMP, originalTimestamp());
            return receivedAt;
        }
        if (parsed.isBefore(receivedAt.minus(maxPast)) || parsed.isAfter(receivedAt.plus(maxFuture))) {
            doc.flag(CanonicalEvent.TIMESTAMP_OUT_OF_RANGE);
            labels.put(ORIGINAL_TIMESTAMP, originalTimestamp());
            return receivedAt;
        }
        return parsed;
    }

    /** The input's {@code @timestamp} value as JSON, as its tree node would serialise. */
    private RawJson originalTimestamp() throws IOException {
        if (timestampOther != null) {
            return timestampOther;
        }
        int start = out.position();
        JsonGenerator g = out.generator();
        if (timestampToken == JsonToken.VALUE_STRING) {
            g.writeString(timestampText);
        } else if (timestampToken == JsonToken.VALUE_NUMBER_FLOAT) {
            g.writeNumber(timestampDouble);
        } else if (timestampBig != null) {
            g.writeNumber(timestampBig);
        } else {
            g.writeNumber(timestampLong);
        }
        return out.done(start);
    }

    /** Text of a scalar as {@code JsonNode.asText()} gives it (so numbers print as their tree nodes would). */
    private static String scalarText(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue().toString() : Long.toString(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> Double.toString(p.getDoubleValue());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> throw new IllegalStateException("not a scalar: " + t);
        };
    }

    private static Object scalarValue(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> NULL_ITEM;
        };
    }

    private static void writeScalar(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }

    /** logstash and syslog-style level names onto the schema's six levels; {@code null} for anything else. */
    static String level(String text) {
        String common = switch (text) {
            case "INFO", "info" -> "info";
            case "DEBUG", "debug" -> "debug";
            case "WARN", "warn" -> "warn";
            case "ERROR", "error" -> "error";
            case "TRACE", "trace" -> "trace";
            default -> null;
        };
        if (common != null) {
            return common;
        }
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
}
