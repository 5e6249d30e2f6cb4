package io.logwarden.anomaly;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Anomaly detection settings, {@code logwarden.anomaly.*}.
 *
 * @param enabled             run the scheduled detectors at all
 * @param interval            how often the detectors run on the windows closed since the last run
 * @param window              length of one scored window (feature aggregation bucket)
 * @param history             how much history the models learn from at start when no baseline is persisted
 * @param mediumThreshold     scores from here on are medium (default 40)
 * @param highThreshold       scores from here on are high (default 70)
 * @param reportThreshold     scores below this are not recorded at all (default 30, within "low")
 * @param baselineCapacity    recent values kept per series for its robust baseline
 * @param minHistory          windows a series must have seen before it is scored
 * @param seasonalMinDays     days of history before hour-of-day seasonality may be used (hour-of-week: 3x as many)
 * @param systemScorePeriod   period the system anomaly score summarises
 * @param maxSeriesPerKind    cap on the series each detector tracks, and on the series of one kind extracted per
 *                            window (the first by name); what is beyond is counted as dropped
 * @param lag                 a window is scored only once its end is this long past, so late events are counted
 * @param maxLag              while Elasticsearch holds no event received (event.ingested) since a window's end, the
 *                            window waits for ingest to catch up, but never longer than this
 * @param leaseDuration       how long the instance running the detectors holds the lease before another may take over
 * @param persistInterval     how often the baselines are saved (changed chunks only; also on shutdown)
 * @param alertMaxAge         anomalies of windows that ended longer ago than this (catch-up after downtime) are
 *                            recorded but not published to alerts
 * @param jobs                stuck and long-running job detection
 * @param silence             silent source detection
 * @param isolationForest     multivariate detection
 */
@Validated
@ConfigurationProperties("logwarden.anomaly")
public record AnomalyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1m") @NotNull Duration interval,
        @DefaultValue("5m") @NotNull Duration window,
        @DefaultValue("7d") @NotNull Duration history,
        @DefaultValue("40") @DecimalMin("1") @DecimalMax("99") double mediumThreshold,
        @DefaultValue("70") @DecimalMin("1") @DecimalMax("100") double highThreshold,
        @DefaultValue("30") @DecimalMin("0") @DecimalMax("100") double reportThreshold,
        @DefaultValue("256") @Min(16) @Max(4096) int baselineCapacity,
        @DefaultValue("24") @Min(4) int minHistory,
        @DefaultValue("3") @Min(1) int seasonalMinDays,
        @DefaultValue("1h") @NotNull Duration systemScorePeriod,
        @DefaultValue("100000") @Min(1) int maxSeriesPerKind,
        @DefaultValue("1m") @NotNull Duration lag,
        @DefaultValue("15m") @NotNull Duration maxLag,
        @DefaultValue("5m") @NotNull Duration leaseDuration,
        @DefaultValue("30m") @NotNull Duration persistInterval,
        @DefaultValue("30m") @NotNull Duration alertMaxAge,
        @DefaultValue @Valid @NotNull Jobs jobs,
        @DefaultValue @Valid @NotNull Silence silence,
        @DefaultValue @Valid @NotNull IsolationForest isolationForest) {

    @AssertTrue(message = "logwarden.anomaly thresholds must be ordered: report-threshold <= medium-threshold < high-threshold")
    public boolean isThresholdOrderValid() {
        return reportThreshold <= mediumThreshold && mediumThreshold < highThreshold;
    }

    @AssertTrue(message = "logwarden.anomaly.window must be at least one second and interval positive")
    public boolean isWindowValid() {
        return window != null && interval != null && window.toSeconds() >= 1 && !interval.isNegative()
                && !interval.isZero();
    }

    @AssertTrue(message = "logwarden.anomaly: lag must not be negative and max-lag must be at least lag")
    public boolean isLagValid() {
        return lag != null && maxLag != null && !lag.isNegative() && maxLag.compareTo(lag) >= 0;
    }

    @AssertTrue(message = "logwarden.anomaly: lease-duration, persist-interval and alert-max-age must be positive")
    public boolean isPeriodsValid() {
        return leaseDuration != null && persistInterval != null && alertMaxAge != null
                && leaseDuration.toSeconds() > 0 && persistInterval.toSeconds() > 0 && alertMaxAge.toSeconds() > 0;
    }

    public Severity severityOf(double score) {
        return Severity.of(score, mediumThreshold, highThreshold);
    }

    /** Defaults, as bound from an empty configuration (for tests and the benchmark). */
    public static AnomalyProperties defaults() {
        return new AnomalyProperties(true, Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofDays(7), 40, 70, 30,
                256, 24, 3, Duration.ofHours(1), 100_000, Duration.ofMinutes(1), Duration.ofMinutes(15),
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(30), Jobs.defaults(),
                Silence.defaults(), IsolationForest.defaults());
    }

    /** These settings with another series cap (for the benchmark). */
    public AnomalyProperties withMaxSeriesPerKind(int max) {
        return new AnomalyProperties(enabled, interval, window, history, mediumThreshold, highThreshold,
                reportThreshold, baselineCapacity, minHistory, seasonalMinDays, systemScorePeriod, max, lag, maxLag,
                leaseDuration, persistInterval, alertMaxAge, jobs, silence, isolationForest);
    }

    /**
     * @param durationQuantile quantile of past run durations a run may reach before it counts as long-running
     * @param margin           factor on that quantile
     * @param heartbeatMisses  a running job whose last heartbeat is older than this many typical heartbeat
     *                         intervals has stopped beating
     * @param minRuns          finished runs of a job name needed before its durations are judged
     */
    public record Jobs(
            @DefaultValue("0.99") @DecimalMin("0.5") @DecimalMax("1.0") double durationQuantile,
            @DefaultValue("1.5") @DecimalMin("1.0") double margin,
            @DefaultValue("3") @Min(1) int heartbeatMisses,
            @DefaultValue("5") @Min(1) int minRuns) {
        public static Jobs defaults() {
            return new Jobs(0.99, 1.5, 3, 5);
        }
    }

    /**
     * @param minExpectedEvents a source counts as regular only when its low normal volume per window is at least this
     */
    public record Silence(@DefaultValue("5") @DecimalMin("1") double minExpectedEvents) {
        public static Silence defaults() {
            return new Silence(5);
        }
    }

    /**
     * @param trees          trees of the isolation forest shared by all services
     * @param minWindows     windows of history a service needs before it is scored
     * @param retrainWindows the shared forest is refit after this many windows
     */
    public record IsolationForest(
            @DefaultValue("100") @Min(10) @Max(1000) int trees,
            @DefaultValue("96") @Min(16) int minWindows,
            @DefaultValue("288") @Min(1) int retrainWindows) {
        public static IsolationForest defaults() {
            return new IsolationForest(100, 96, 288);
        }
    }
}
