package io.logwarden.retention;

import io.logwarden.storage.IndexNames;

/** The data categories with their own retention, each stored in its own daily index family (decision 080). */
public enum RetentionCategory {
    APPLICATION(IndexNames.EVENTS),
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
