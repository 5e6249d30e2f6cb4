package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Meters of the detector cycle, on {@code /actuator/prometheus} as {@code logwarden_anomaly_cycle_seconds} (cycles
 * this instance ran), {@code logwarden_anomaly_cycles_total{outcome}} (ran, skipped: another instance holds the
 * lease, failed), {@code logwarden_anomaly_series{kind}}, {@code logwarden_anomaly_series_dropped} and
 * {@code logwarden_anomaly_detected_total{kind,severity}} (new anomalies).
 */
@Component
class AnomalyMetrics {

    private final MeterRegistry registry;
    private final Timer cycle;
    private final Map<AnomalyKind, AtomicLong> series = new EnumMap<>(AnomalyKind.class);
    private final AtomicLong dropped = new AtomicLong();

    AnomalyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.cycle = Timer.builder("logwarden.anomaly.cycle").description("Anomaly detector cycles run here")
                .register(registry);
        for (AnomalyKind kind : AnomalyKind.values()) {
            AtomicLong n = new AtomicLong();
            series.put(kind, n);
            Gauge.builder("logwarden.anomaly.series", n, AtomicLong::get).tag("kind", kind.id())
                    .description("Series the detectors track").register(registry);
        }
        Gauge.builder("logwarden.anomaly.series.dropped", dropped, AtomicLong::get)
                .description("Series not tracked because of logwarden.anomaly.max-series-per-kind").register(registry);
    }

    void ran(Duration took, Map<AnomalyKind, Integer> seriesByKind, long droppedSeries) {
        cycle.record(took);
        outcome("ran");
        seriesByKind.forEach((kind, n) -> series.get(kind).set(n));
        dropped.set(droppedSeries);
    }

    void outcome(String outcome) {
        Counter.builder("logwarden.anomaly.cycles").tag("outcome", outcome).register(registry).increment();
    }

    void detected(Anomaly a) {
        Counter.builder("logwarden.anomaly.detected").tag("kind", a.kind().id())
                .tag("severity", AnomalyDocuments.lower(a.severity())).register(registry).increment();
    }
}
