package io.logwarden.search;

import java.time.Instant;
import java.util.Map;

/**
 * An event as the caller may see it (personal data masked for roles without PII access).
 *
 * @param id        document id, for {@code GET /api/v1/events/{id}}
 * @param index     daily index holding it
 * @param timestamp its {@code @timestamp}
 * @param fields    the event document (nested ECS objects)
 */
public record FoundEvent(String id, String index, Instant timestamp, Map<String, Object> fields) {

    /** The value at a dotted path ({@code log.level}), looking into nested objects; null when absent. */
    public Object field(String path) {
        Object direct = fields.get(path);
        if (direct != null) {
            return direct;
        }
        Object current = fields;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
