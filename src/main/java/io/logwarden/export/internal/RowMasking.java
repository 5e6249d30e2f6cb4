package io.logwarden.export.internal;

import io.logwarden.security.CurrentUser;
import io.logwarden.storage.ScannedEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single hook through which every exported row passes for PII masking. Files leave the platform's control, so
 * exports replace personal data entirely rather than with the UI's partial masks ({@code j***@example.com}).
 * The extra fields of {@code logwarden.security.pii-fields} are not applied here yet.
 */
final class RowMasking {

    static final String MASK = "***";
    static final List<String> PII_FIELDS = List.of("user.id", "user.name", "user.email", "user.roles", "source.ip",
            "user_agent.original");

    private RowMasking() {
    }

    static ScannedEvent mask(ScannedEvent event, CurrentUser user) {
        if (user.piiVisible()) {
            return event;
        }
        Map<String, Object> source = event.source();
        for (String field : PII_FIELDS) {
            if (FieldValues.get(source, field) != null) {
                source = replace(source, field);
            }
        }
        return source == event.source() ? event : new ScannedEvent(event.index(), event.id(), source);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replace(Map<String, Object> source, String path) {
        Map<String, Object> copy = new LinkedHashMap<>(source);
        if (copy.containsKey(path)) {
            copy.put(path, MASK);
            return copy;
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            String head = path.substring(0, dot);
            if (copy.get(head) instanceof Map<?, ?> nested
                    && FieldValues.get((Map<String, Object>) nested, path.substring(dot + 1)) != null) {
                copy.put(head, replace((Map<String, Object>) nested, path.substring(dot + 1)));
                return copy;
            }
        }
        return copy;
    }
}
