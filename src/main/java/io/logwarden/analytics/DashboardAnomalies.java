package io.logwarden.analytics;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.anomaly.AnomalyService;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.SystemAnomalyScore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What the dashboard shows of anomaly detection (through {@link AnomalyService} only): the system anomaly score for
 * the gauge card, and the anomalies of a range to overlay on the time-series charts. A user whose role may not read
 * anomalies simply gets none.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class DashboardAnomalies {

    /** Most anomalies overlaid on one dashboard. */
    static final int MAX_MARKS = 200;
    /** Kinds drawn over the volume-by-service chart. */
    public static final Set<String> VOLUME_KINDS = Set.of(AnomalyKind.SILENT_SOURCE.name(),
            AnomalyKind.MULTIVARIATE.name());
    /** Kinds drawn over the error-rate chart. */
    public static final Set<String> ERROR_RATE_KINDS = Set.of(AnomalyKind.ERROR_RATE.name());
    /** Kinds drawn over the duration chart. */
    public static final Set<String> DURATION_KINDS = Set.of(AnomalyKind.DURATION.name());

    private final AnomalyService anomalies;
    private final AnomalyProperties properties;

    public DashboardAnomalies(AnomalyService anomalies, AnomalyProperties properties) {
        this.anomalies = anomalies;
        this.properties = properties;
    }

    /** The system score, empty when the user may not read anomalies. */
    public Optional<SystemAnomalyScore> systemScore() {
        try {
            return Optional.of(anomalies.systemScore());
        } catch (AccessDeniedException e) {
            return Optional.empty();
        }
    }

    /** Score thresholds of the medium and high bands (for the gauge's colours), 0-100. */
    public double[] bands() {
        return new double[] {properties.mediumThreshold(), properties.highThreshold()};
    }

    /** Recorded anomalies whose window starts in the range, false positives left out, newest first. */
    public List<AnomalyMark> marks(TimeRange range) {
        try {
            return anomalies.list(range.from(), range.to(), 0, MAX_MARKS).stream()
                    .filter(a -> a.status() != AnomalyStatus.FALSE_POSITIVE)
                    .map(DashboardAnomalies::mark).toList();
        } catch (AccessDeniedException e) {
            return List.of();
        }
    }

    /** The marks of {@code kinds} that concern one of {@code names} (a service or, for durations, an action). */
    public static List<AnomalyMark> concerning(List<AnomalyMark> marks, Set<String> kinds, Set<String> names) {
        return marks.stream().filter(m -> kinds.contains(m.kind()))
                .filter(m -> names.contains(m.entity()) || m.service() != null && names.contains(m.service())
                        && !DURATION_KINDS.contains(m.kind()))
                .toList();
    }

    private static AnomalyMark mark(Anomaly a) {
        return new AnomalyMark(a.id(), a.kind().name(), a.entity().service(), a.entity().name(), a.windowStart(),
                a.windowEnd(), a.score(), a.severity().name().toLowerCase(Locale.ROOT),
                a.entity().label() + ": " + a.explanation());
    }
}
