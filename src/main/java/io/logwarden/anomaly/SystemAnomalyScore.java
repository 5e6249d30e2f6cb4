package io.logwarden.anomaly;

import java.time.Duration;
import java.time.Instant;

/**
 * Summary of the last period: the highest open anomaly score, raised by 10 per tenfold of medium-or-higher
 * anomalies beyond the first (so many medium anomalies read worse than one), capped at 100.
 *
 * @param score     0-100
 * @param severity  band of the score
 * @param anomalies open anomalies in the period (acknowledged ones count, false positives do not)
 * @param from      start of the period
 * @param to        end of the period
 */
public record SystemAnomalyScore(double score, Severity severity, int anomalies, Instant from, Instant to) {

    public Duration period() {
        return Duration.between(from, to);
    }
}
