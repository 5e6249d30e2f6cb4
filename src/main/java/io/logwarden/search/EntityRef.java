package io.logwarden.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something a timeline can be drawn for.
 *
 * @param kind what identifies it
 * @param type for {@link Kind#ENTITY}: the {@code audit.entity.type}; ignored otherwise
 * @param id   the identifier
 */
public record EntityRef(Kind kind, String type, String id) {

    /** The identifying fields. */
    public enum Kind {
        /** {@code audit.entity.type} + {@code audit.entity.id}. */
        ENTITY,
        /** {@code user.id}. */
        USER,
        /** {@code trace.id}. */
        TRACE,
        /** {@code job.id}. */
        JOB,
        /** {@code session.id}. */
        SESSION
    }

    public EntityRef {
        if (kind == null || id == null || id.isBlank()) {
            throw new QuerySyntaxException("A timeline needs a kind and an id", -1);
        }
        if (kind == Kind.ENTITY && (type == null || type.isBlank())) {
            throw new QuerySyntaxException("An entity timeline needs the entity type", -1);
        }
    }

    public Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        switch (kind) {
            case ENTITY -> {
                filters.put("audit.entity.type", type);
                filters.put("audit.entity.id", id);
            }
            case USER -> filters.put("user.id", id);
            case TRACE -> filters.put("trace.id", id);
            case JOB -> filters.put("job.id", id);
            case SESSION -> filters.put("session.id", id);
        }
        return filters;
    }
}
