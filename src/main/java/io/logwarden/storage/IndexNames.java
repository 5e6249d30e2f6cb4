package io.logwarden.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Names of Logwarden's indices: daily families {@code <family>-YYYY.MM.DD} (UTC days) and system indices. */
public final class IndexNames {

    /** Read alias over all daily event indices. */
    public static final String EVENTS_ALIAS = "logwarden-events";
    public static final String EVENTS = "logwarden-events";
    /** Events applications ship about audited actions ({@link EventFamily#AUDIT}); behind {@link #EVENTS_ALIAS}. */
    public static final String AUDIT_EVENTS = "logwarden-events-audit";
    public static final String AUDIT = "logwarden-audit";
    public static final String DEAD_LETTER = "logwarden-deadletter";
    public static final String ANOMALIES = "logwarden-anomalies";
    public static final String ALERTS = "logwarden-alerts";

    /** System index of user accounts. */
    public static final String USERS = ".logwarden-users";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    /** Last name built per family slot: the shipper asks once per event, almost always for the same day. */
    private record DayName(String family, long day, String name) {
    }

    private static final DayName[] LAST = new DayName[8];

    private IndexNames() {
    }

    /** The daily index of {@code family} holding documents whose timestamp is {@code timestamp}. */
    public static String daily(String family, Instant timestamp) {
        long day = Math.floorDiv(timestamp.getEpochSecond(), 86_400);
        int slot = family.hashCode() & (LAST.length - 1);
        DayName last = LAST[slot]; // racy but safe: DayName is immutable
        if (last != null && last.day == day && last.family.equals(family)) {
            return last.name;
        }
        String name = family + "-" + DAY.format(timestamp);
        LAST[slot] = new DayName(family, day, name);
        return name;
    }

    public static String eventsIndex(Instant timestamp) {
        return daily(EVENTS, timestamp);
    }

    /** Pattern matching every daily index of {@code family}. */
    public static String pattern(String family) {
        return family + "-*";
    }

    /** The UTC day of a daily index of {@code family}, if {@code indexName} is one. */
    public static Optional<LocalDate> dayOf(String family, String indexName) {
        String prefix = family + "-";
        if (!indexName.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(indexName.substring(prefix.length()),
                    DateTimeFormatter.ofPattern("yyyy.MM.dd")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
