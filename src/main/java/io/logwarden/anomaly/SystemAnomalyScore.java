package io.logwarden.anomaly;

import java.time.Instant;

/**
 * Summary of the last period, within the caller's scope: the highest anomaly score, raised by 10 per tenfold of medium-or-higher
 * anomalies beyond the first (so many medium anomalies read worse than one), capped at 100.
 *
 * @param score     0-100
 * @param severity  band of the score
 * @param anomalies anomalies active in the period (acknowledged ones count, false positives do not)
 * @param from      start of the period
 * @param to        end of the period
 * @param mediumThreshold score from which anomalies are medium (configured), for gauges
 * @param highThreshold   score from which anomalies are high (configured), for gauges
 */
public record SystemAnomalyScore(double score, Severity severity, int anomalies, Instant from, Instant to,
                                 double mediumThreshold, double highThreshold) {

    /** A score with the default thresholds (40, 70). */
    public SystemAnomalyScore(double score, Severity severity, int anomalies, Instant from, Instant to) {
        this(score, severity, anomalies, from, to, 40, 70);
    }
}
