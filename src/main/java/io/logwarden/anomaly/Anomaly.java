package io.logwarden.anomaly;

import java.time.Instant;
import java.util.Objects;

/**
 * One detected anomaly.
 *
 * @param id           stable id: the same entity, kind and window always give the same id (idempotent writes)
 * @param kind         which detector found it
 * @param entity       what it concerns
 * @param windowStart  start of the window scored (inclusive)
 * @param windowEnd    end of the window scored (exclusive)
 * @param score        0-100, higher is more anomalous
 * @param severity     band of the score
 * @param actual       the observed value (unit given by {@code unit})
 * @param expectedLow  low end of the normal range
 * @param expectedHigh high end of the normal range
 * @param unit         unit of actual/expected: ms, ratio, events, s, or "" for a unitless score
 * @param explanation  plain words, "... 2,350 ms, expected 180-260 ms"
 * @param detectedAt   when the detector raised it
 * @param status       review state
 */
public record Anomaly(String id, AnomalyKind kind, AnomalyEntity entity, Instant windowStart, Instant windowEnd,
                      double score, Severity severity, double actual, double expectedLow, double expectedHigh,
                      String unit, String explanation, Instant detectedAt, AnomalyStatus status) {

    public Anomaly {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(explanation, "explanation");
        if (!(score >= 0 && score <= 100)) {
            throw new IllegalArgumentException("score must be within 0-100: " + score);
        }
    }

    /** The stable id of an anomaly of {@code kind} on {@code entity} for the window starting at {@code start}. */
    public static String idOf(AnomalyKind kind, AnomalyEntity entity, Instant start) {
        String raw = kind + "|" + entity.key() + "|" + (entity.id() == null ? "" : entity.id()) + "|" + start;
        return java.util.UUID.nameUUIDFromBytes(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public Anomaly withStatus(AnomalyStatus newStatus) {
        return new Anomaly(id, kind, entity, windowStart, windowEnd, score, severity, actual, expectedLow,
                expectedHigh, unit, explanation, detectedAt, newStatus);
    }
}
