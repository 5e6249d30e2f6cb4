package io.logwarden.search;

import java.util.List;

/**
 * One event on an entity timeline, with the field changes an audit event recorded ({@code audit.before} →
 * {@code audit.after}, or {@code audit.changes}); empty for other events.
 */
public record TimelineEntry(FoundEvent event, List<FieldChange> changes) {

    /** A changed field, dotted path; before or after is null when the field was added or removed. */
    public record FieldChange(String field, Object before, Object after) {
    }
}
