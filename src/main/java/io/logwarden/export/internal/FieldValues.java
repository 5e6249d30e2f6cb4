package io.logwarden.export.internal;

import io.logwarden.storage.ScannedEvent;
import java.util.Map;

/** Reads a dotted field ({@code user.email}) from an event, whether stored nested or with a dotted key. */
final class FieldValues {

    private FieldValues() {
    }

    static Object get(ScannedEvent event, String field) {
        return switch (field) {
            case "_id" -> event.id();
            case "_index" -> event.index();
            default -> get(event.source(), field);
        };
    }

    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> source, String path) {
        if (source == null) {
            return null;
        }
        if (source.containsKey(path)) {
            return source.get(path);
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            if (source.get(path.substring(0, dot)) instanceof Map<?, ?> nested) {
                Object value = get((Map<String, Object>) nested, path.substring(dot + 1));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }
}
