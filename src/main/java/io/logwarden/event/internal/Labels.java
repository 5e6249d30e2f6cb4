package io.logwarden.event.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logwarden.event.EcsFields;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of one event in first-seen order. On the streamed pass a key met twice (or a null after a value:
 * a tree would have kept the null and dropped the label) throws {@link EventWalker.DuplicateKeys}; on the tree
 * walk a later value replaces an earlier one in place and a null leaves it, as a map of the tree's labels did.
 */
public final class Labels {

    private static final int LINEAR_SCAN = 16;

    private final boolean failOnRepeat;
    private final List<String> keys = new ArrayList<>();
    private final List<RawJson> values = new ArrayList<>();
    private Map<String, Integer> index;

    public Labels(boolean failOnRepeat) {
        this.failOnRepeat = failOnRepeat;
    }

    void put(String key, RawJson value) {
        int at = indexOf(key);
        if (at >= 0) {
            if (failOnRepeat) {
                throw new EventWalker.DuplicateKeys();
            }
            values.set(at, value);
            return;
        }
        keys.add(key);
        values.add(value);
        if (index != null) {
            index.put(key, keys.size() - 1);
        } else if (keys.size() > LINEAR_SCAN) {
            index = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                index.put(keys.get(i), i);
            }
        }
    }

    /** A label whose value is JSON null: not kept. */
    void putNull(String key) {
        if (failOnRepeat && indexOf(key) >= 0) {
            throw new EventWalker.DuplicateKeys();
        }
    }

    private int indexOf(String key) {
        if (index != null) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    void write(JsonGenerator g) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        g.writeFieldName(EcsFields.LABELS);
        g.writeStartObject();
        for (int i = 0; i < keys.size(); i++) {
            g.writeFieldName(keys.get(i));
            g.writeRawValue(values.get(i));
        }
        g.writeEndObject();
    }
}
