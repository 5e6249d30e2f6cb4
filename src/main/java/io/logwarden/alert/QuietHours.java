package io.logwarden.alert;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A daily period in which notifications below {@code bypassSeverity} wait until it ends (they are not lost:
 * a still-firing alert is notified when quiet hours are over). Start after end means overnight (22:00-07:00).
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone, Severity bypassSeverity) {

    public QuietHours {
        Objects.requireNonNull(start, "quiet hours start");
        Objects.requireNonNull(end, "quiet hours end");
        zone = zone == null ? ZoneId.of("UTC") : zone;
        bypassSeverity = bypassSeverity == null ? Severity.CRITICAL : bypassSeverity;
    }

    public boolean silences(Instant now, Severity severity) {
        if (severity.atLeast(bypassSeverity) || start.equals(end)) {
            return false;
        }
        LocalTime t = now.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }
}
