package io.logwarden.event.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.Closeable;
import java.io.IOException;

/**
 * The one generator of one normalisation. Copied values (labels, opaque fields) and finally the document are
 * written one after another as root values into one buffer; each is handed out as a slice. One generator per
 * event instead of one per copied value: creating a Jackson generator costs more than copying a small value.
 * The generator is flushed after every value, so the buffer's end is always where the next value starts.
 */
public final class JsonOutput implements Closeable {

    private final Utf8Buffer buf;
    private final JsonGenerator g;

    public JsonOutput(JsonFactory factory, int capacity) throws IOException {
        this.buf = new Utf8Buffer(capacity);
        this.g = factory.createGenerator(buf);
        g.setRootValueSeparator(null);
    }

    JsonGenerator generator() {
        return g;
    }

    int position() {
        return buf.size();
    }

    /** Copies the parser's current value (a whole object or array included) as the next value. */
    RawJson copy(JsonParser p) throws IOException {
        int start = buf.size();
        copyValue(p, p.currentToken());
        return done(start);
    }

    /**
     * Writes the parser's current value to the generator, descending into objects and arrays. A key repeated
     * inside an object throws {@link EventWalker.DuplicateKeys} (a tree would have kept only its last value, and
     * Elasticsearch refuses documents with repeated keys). Depth is bounded by the parser's nesting limit.
     */
    void copyValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            g.writeStartObject();
            String[] keys = null;
            java.util.Set<String> many = null;
            int count = 0;
            String name;
            while ((name = p.nextFieldName()) != null) {
                if (many != null) {
                    if (!many.add(name)) {
                        throw new EventWalker.DuplicateKeys();
                    }
                } else {
                    if (keys == null) {
                        keys = new String[8];
                    }
                    for (int i = 0; i < count; i++) {
                        if (keys[i].equals(name)) {
                            throw new EventWalker.DuplicateKeys();
                        }
                    }
                    if (count == keys.length) {
                        many = new java.util.HashSet<>(java.util.Arrays.asList(keys));
                        many.add(name);
                    } else {
                        keys[count++] = name;
                    }
                }
                g.writeFieldName(name);
                copyValue(p, p.nextToken());
            }
            g.writeEndObject();
        } else if (t == JsonToken.START_ARRAY) {
            g.writeStartArray();
            JsonToken item;
            while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                copyValue(p, item);
            }
            g.writeEndArray();
        } else {
            g.copyCurrentEvent(p);
        }
    }

    /** Ends a value written with {@link #generator()} since {@code start}. */
    RawJson done(int start) throws IOException {
        g.flush();
        return buf.slice(start);
    }

    /** The bytes written since {@code start}, as a new array. */
    byte[] bytesSince(int start) throws IOException {
        g.flush();
        return buf.copy(start);
    }

    /**
     * Makes the output ready for the next normalisation on the same thread, keeping its buffer and generator
     * (creating them cost more than a normalisation's copies). Only after a normalisation that ended normally: the
     * generator is then between root values. Slices handed out before are overwritten by later values. Returns
     * false when the buffer grew past {@code maxKeptBytes} and should not be kept.
     */
    public boolean reset(int maxKeptBytes) throws IOException {
        g.flush();
        buf.clear();
        return buf.capacity() <= maxKeptBytes;
    }

    @Override
    public void close() throws IOException {
        g.close();
    }
}
