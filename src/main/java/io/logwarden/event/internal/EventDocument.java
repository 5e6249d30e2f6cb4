package io.logwarden.event.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logwarden.event.EcsFields;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema fields of one event in fixed slots, its tags and flags, and the writer of the final document:
 * {@code @timestamp}, the schema fields as nested objects (sorted by path, {@code event.ingested} inside
 * {@code event}), {@code tags} (input tags, then flags) and {@code labels}.
 */
public final class EventDocument {

    private static final List<FieldRoutes.KnownField> ORDER = FieldRoutes.outputOrder();
    private static final FieldRoutes.KnownField STACK_TRACE = FieldRoutes.field("error.stack_trace");
    private static final FieldRoutes.KnownField ERROR_TYPE = FieldRoutes.field("error.type");
    private static final FieldRoutes.KnownField ERROR_MESSAGE = FieldRoutes.field("error.message");
    private static final FieldRoutes.KnownField INGESTED = FieldRoutes.field(EcsFields.INGESTED);

    /** String, Long, List of String, or {@link RawJson} (opaque values), per {@link FieldRoutes.KnownField#slot()}. */
    private final Object[] slots = new Object[ORDER.size()];
    private final List<String> tags = new ArrayList<>(2);
    private final List<String> flags = new ArrayList<>(2);

    public void set(FieldRoutes.KnownField field, Object value) {
        slots[field.slot()] = value;
    }

    public void addTags(List<String> values) {
        for (String t : values) {
            if (!tags.contains(t)) {
                tags.add(t);
            }
        }
    }

    public void flag(String flag) {
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
    }

    public List<String> flags() {
        return flags;
    }

    /** Fills {@code error.type} and {@code error.message} from the first line of a Java stack trace. */
    public void deriveErrorFromStackTrace() {
        if (!(slots[STACK_TRACE.slot()] instanceof String trace) || slots[ERROR_TYPE.slot()] != null) {
            return;
        }
        int eol = trace.indexOf('\n');
        String first = (eol < 0 ? trace : trace.substring(0, eol)).strip();
        int colon = first.indexOf(": ");
        String type = colon < 0 ? first : first.substring(0, colon);
        if (!type.isEmpty() && type.indexOf(' ') < 0 && type.indexOf('.') > 0) {
            slots[ERROR_TYPE.slot()] = type;
            if (colon >= 0 && slots[ERROR_MESSAGE.slot()] == null) {
                slots[ERROR_MESSAGE.slot()] = first.substring(colon + 2);
            }
        }
    }

    /** Writes the document as the next value of {@code out} and returns it. */
    public byte[] write(JsonOutput out, Instant timestamp, Instant ingested, Labels labels) throws IOException {
        int start = out.position();
        JsonGenerator g = out.generator();
        g.writeStartObject();
        g.writeStringField(EcsFields.TIMESTAMP, Timestamps.format(timestamp));
        slots[INGESTED.slot()] = Timestamps.format(ingested);
        String[] open = new String[8];
        int depth = 0;
        for (FieldRoutes.KnownField field : ORDER) {
            Object value = slots[field.slot()];
            if (value == null) {
                continue;
            }
            String[] segments = field.segments();
            int parents = segments.length - 1;
            int common = 0;
            while (common < depth && common < parents && open[common].equals(segments[common])) {
                common++;
            }
            for (; depth > common; depth--) {
                g.writeEndObject();
            }
            for (; depth < parents; depth++) {
                g.writeFieldName(segments[depth]);
                g.writeStartObject();
                open[depth] = segments[depth];
            }
            g.writeFieldName(segments[parents]);
            writeValue(g, value);
        }
        for (; depth > 0; depth--) {
            g.writeEndObject();
        }
        addTags(flags);
        if (!tags.isEmpty()) {
            g.writeFieldName(EcsFields.TAGS);
            writeValue(g, tags);
        }
        labels.write(g);
        g.writeEndObject();
        return out.bytesSince(start);
    }

    // instanceof rather than a pattern switch: the switch's type test showed up as 15% of normalisation CPU.
    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof RawJson raw) {
            g.writeRawValue(raw);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                g.writeString((String) item);
            }
            g.writeEndArray();
        } else {
            throw new IllegalStateException("unexpected slot value " + value.getClass());
        }
    }
}
