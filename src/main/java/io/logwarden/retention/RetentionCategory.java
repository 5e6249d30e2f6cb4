package io.logwarden.retention;

import io.logwarden.storage.IndexNames;

/** The data categories with their own retention, each stored in its own daily index family (decision 080). */
public enum RetentionCategory {
    /** Application logs shipped to Logwarden. */
    APPLICATION(IndexNames.EVENTS),
    /** Audit events shipped by applications ({@code audit.*} fields or {@code event.category} audit). */
    AUDIT_EVENTS(IndexNames.AUDIT_EVENTS),
    /** Logwarden's own hash-chained audit trail. */
    AUDIT(IndexNames.AUDIT),
    DEAD_LETTER(IndexNames.DEAD_LETTER),
    ANOMALIES(IndexNames.ANOMALIES),
    ALERTS(IndexNames.ALERTS);

    private final String family;

    RetentionCategory(String family) {
        this.family = family;
    }

    public String family() {
        return family;
    }
}
