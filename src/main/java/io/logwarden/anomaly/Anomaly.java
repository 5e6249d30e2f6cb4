package io.logwarden.anomaly;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One detected anomaly.
 *
 * @param id           stable id: the same entity, kind and window start always give the same id (idempotent writes)
 * @param kind         which detector found it
 * @param entity       what it concerns
 * @param windowStart  start of the window scored (inclusive); for an ongoing silence or stuck run, when it began
 * @param windowEnd    end of the window scored (exclusive); grows while a silence or stuck run goes on
 * @param score        0-100, higher is more anomalous
 * @param severity     band of the score
 * @param actual       the observed value (unit given by {@code unit})
 * @param expectedLow  low end of the normal range
 * @param expectedHigh high end of the normal range
 * @param unit         unit of actual/expected: ms, ratio, events, s, or "" for a unitless score
 * @param explanation  plain words, "... 2,350 ms, expected 180-260 ms"
 * @param detectedAt   when the detector first raised it
 * @param status       review state
 * @param tenants      tenants ({@code organization.id}) whose events the anomaly is about, sorted; empty if none
 * @param evidence     the numbers behind the score that feedback needs (e.g. events and errors of the window)
 * @param learning     what became of a false-positive mark
 * @param learningNote why a false positive could not be learned, else empty
 */
public record Anomaly(String id, AnomalyKind kind, AnomalyEntity entity, Instant windowStart, Instant windowEnd,
                      double score, Severity severity, double actual, double expectedLow, double expectedHigh,
                      String unit, String explanation, Instant detectedAt, AnomalyStatus status, List<String> tenants,
                      Map<String, Double> evidence, Learning learning, String learningNote) {

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
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
        learning = learning == null ? Learning.NONE : learning;
        learningNote = learningNote == null ? "" : learningNote;
    }

    /** An anomaly without tenants, evidence or feedback. */
    public Anomaly(String id, AnomalyKind kind, AnomalyEntity entity, Instant windowStart, Instant windowEnd,
                   double score, Severity severity, double actual, double expectedLow, double expectedHigh,
                   String unit, String explanation, Instant detectedAt, AnomalyStatus status) {
        this(id, kind, entity, windowStart, windowEnd, score, severity, actual, expectedLow, expectedHigh, unit,
                explanation, detectedAt, status, List.of(), Map.of(), Learning.NONE, "");
    }

    /** The stable id of an anomaly of {@code kind} on {@code entity} for the window starting at {@code start}. */
    public static String idOf(AnomalyKind kind, AnomalyEntity entity, Instant start) {
        String raw = kind + "|" + entity.key() + "|" + (entity.id() == null ? "" : entity.id()) + "|" + start;
        return java.util.UUID.nameUUIDFromBytes(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The tenant when the anomaly concerns exactly one, else null. */
    public String tenant() {
        return tenants.size() == 1 ? tenants.getFirst() : null;
    }

    public Anomaly withStatus(AnomalyStatus newStatus) {
        return new Anomaly(id, kind, entity, windowStart, windowEnd, score, severity, actual, expectedLow,
                expectedHigh, unit, explanation, detectedAt, newStatus, tenants, evidence, learning, learningNote);
    }

    public Anomaly withTenants(List<String> newTenants) {
        return new Anomaly(id, kind, entity, windowStart, windowEnd, score, severity, actual, expectedLow,
                expectedHigh, unit, explanation, detectedAt, status, newTenants, evidence, learning, learningNote);
    }

    public Anomaly withEvidence(Map<String, Double> newEvidence) {
        return new Anomaly(id, kind, entity, windowStart, windowEnd, score, severity, actual, expectedLow,
                expectedHigh, unit, explanation, detectedAt, status, tenants, newEvidence, learning, learningNote);
    }

    public Anomaly withLearning(Learning newLearning, String note) {
        return new Anomaly(id, kind, entity, windowStart, windowEnd, score, severity, actual, expectedLow,
                expectedHigh, unit, explanation, detectedAt, status, tenants, evidence, newLearning, note);
    }
}
