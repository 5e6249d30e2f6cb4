package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.anomaly.AnomalyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Builds anomaly records with severity and stable id, and formats the numbers in explanations. */
public final class AnomalyFactory {

    private final AnomalyProperties properties;

    public AnomalyFactory(AnomalyProperties properties) {
        this.properties = properties;
    }

    public AnomalyProperties properties() {
        return properties;
    }

    /** Whether {@code score} is worth an anomaly record (check before building an explanation: it costs). */
    public boolean reportable(double score) {
        return score > 0 && score >= properties.reportThreshold();
    }

    /** An anomaly if {@code score} reaches the report threshold. */
    public Optional<Anomaly> create(AnomalyKind kind, AnomalyEntity entity, Instant start, Instant end, double score,
                                    double actual, double low, double high, String unit, String explanation,
                                    Instant now) {
        if (!(score >= properties.reportThreshold()) || score <= 0) {
            return Optional.empty();
        }
        double s = Math.round(Scoring.clamp(score) * 10) / 10.0;
        return Optional.of(new Anomaly(Anomaly.idOf(kind, entity, start), kind, entity, start, end, s,
                properties.severityOf(s), actual, low, high, unit, explanation, now, AnomalyStatus.OPEN));
    }

    /** {@code 2,350}, {@code 12.5}, {@code 0.034}: few digits, grouped thousands. */
    public static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100 || a == Math.rint(a)) {
            return String.format(Locale.US, "%,.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.US, "%,.1f", v);
        }
        return String.format(Locale.US, "%.2g", v);
    }

    public static String percent(double ratio) {
        double p = ratio * 100;
        return (p >= 10 || p == 0 ? String.format(Locale.US, "%.0f", p) : String.format(Locale.US, "%.1f", p)) + "%";
    }

    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
    }
}
