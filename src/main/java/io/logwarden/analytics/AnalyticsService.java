package io.logwarden.analytics;

import io.logwarden.storage.EventStatistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Time-series queries behind the charts. */
@Service
public class AnalyticsService {

    private final EventStatistics statistics;
    private final Clock clock;

    public AnalyticsService(EventStatistics statistics) {
        this.statistics = statistics;
        this.clock = Clock.systemUTC();
    }

    /** Events per hour over the last {@code hours} whole hours plus the current one. */
    @PreAuthorize("isAuthenticated()")
    public EventVolume eventsPerHour(int hours) {
        Instant to = Instant.now(clock).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant from = to.minus(hours, ChronoUnit.HOURS);
        Duration hour = Duration.ofHours(1);
        return new EventVolume(from, to, hour, statistics.eventsOverTime(from, to, hour).stream()
                .map(b -> new VolumePoint(b.start(), b.count()))
                .toList());
    }
}
