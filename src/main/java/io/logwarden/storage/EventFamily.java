package io.logwarden.storage;

import java.time.Instant;

/**
 * The daily index families events are written to, chosen per event when it is indexed so that categories with
 * different retention never share a daily index (docs/decisions/080). Every family sits behind the
 * {@link IndexNames#EVENTS_ALIAS} read alias and shares the event mapping.
 */
public enum EventFamily {

    /** Application logs: {@code logwarden-events-YYYY.MM.DD}. */
    APPLICATION(IndexNames.EVENTS),
    /**
     * Audit events shipped by applications (any {@code audit.*} field, or {@code event.category} "audit"):
     * {@code logwarden-events-audit-YYYY.MM.DD}. Not Logwarden's own trail, which is {@code logwarden-audit-*}.
     */
    AUDIT(IndexNames.AUDIT_EVENTS);

    private final String family;

    EventFamily(String family) {
        this.family = family;
    }

    public String family() {
        return family;
    }

    /** The daily index of this family for an event at {@code timestamp}. */
    public String index(Instant timestamp) {
        return IndexNames.daily(family, timestamp);
    }

    /** The family of an event document (UTF-8 JSON as Logwarden's normaliser writes it). */
    public static EventFamily of(byte[] json) {
        return AuditEventDetector.isAudit(json) ? AUDIT : APPLICATION;
    }

    /** The daily index of an event document. */
    public static String indexOf(byte[] json, long timestampMillis) {
        return indexOf(json, 0, timestampMillis);
    }

    /** The daily index of the event document at {@code offset} of {@code buffer}: the one line the shipper needs. */
    public static String indexOf(byte[] buffer, int offset, long timestampMillis) {
        EventFamily family = AuditEventDetector.isAudit(buffer, offset) ? AUDIT : APPLICATION;
        return family.index(Instant.ofEpochMilli(timestampMillis));
    }

    /**
     * The same for the {@code length} bytes of the document: most documents never mention "audit", and a plain
     * search for the word rules them out faster than reading their structure.
     */
    public static String indexOf(byte[] buffer, int offset, int length, long timestampMillis) {
        boolean audit = AuditEventDetector.mentionsAudit(buffer, offset, length)
                && AuditEventDetector.isAudit(buffer, offset);
        return (audit ? AUDIT : APPLICATION).index(Instant.ofEpochMilli(timestampMillis));
    }
}
