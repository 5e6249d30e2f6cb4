package io.logwarden.bench.anomaly;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares what the detector cycles reported with what was injected. An anomaly counts when it scores medium or
 * higher. It matches an injection of its kind when it concerns the same entity (a silent service's host counts for
 * the service's silence) and its window starts at the injection's window start. Per kind: recall = injections
 * matched / injections; precision = reported anomalies that match an injection / reported anomalies; delay = from
 * the onset (a window's start; the last heartbeat of a stuck run) to the first cycle that reported it.
 */
final class InjectedEvaluation {

    /** A reported anomaly, first seen by the cycle that ran at {@code seenAt}. */
    record Seen(Anomaly anomaly, Instant seenAt) {
    }

    /** The figures of one kind. */
    record KindResult(AnomalyKind kind, int injected, int detected, int reported, int truePositives,
                      Duration medianDelay) {
        double recall() {
            return injected == 0 ? Double.NaN : (double) detected / injected;
        }

        double precision() {
            return reported == 0 ? Double.NaN : (double) truePositives / reported;
        }
    }

    private final Map<String, Seen> seen = new LinkedHashMap<>();

    /** Adds the anomalies a cycle at {@code now} recorded (a re-detected one keeps its first sighting). */
    void add(List<Anomaly> anomalies, Instant now) {
        for (Anomaly a : anomalies) {
            Seen before = seen.get(a.id());
            if (before == null || before.anomaly().severity().compareTo(Severity.MEDIUM) < 0
                    && a.severity().compareTo(Severity.MEDIUM) >= 0) {
                seen.put(a.id(), new Seen(a, now));
            }
        }
    }

    Map<AnomalyKind, KindResult> evaluate(List<InjectedScenario.Injection> truth) {
        Map<AnomalyKind, KindResult> out = new EnumMap<>(AnomalyKind.class);
        List<Seen> serious = seen.values().stream()
                .filter(s -> s.anomaly().severity().compareTo(Severity.MEDIUM) >= 0).toList();
        for (AnomalyKind kind : AnomalyKind.values()) {
            List<InjectedScenario.Injection> injected = truth.stream().filter(t -> t.kind() == kind).toList();
            List<Seen> reported = serious.stream().filter(s -> s.anomaly().kind() == kind).toList();
            int detected = 0;
            List<Duration> delays = new ArrayList<>();
            for (InjectedScenario.Injection t : injected) {
                Seen first = reported.stream().filter(s -> matches(s.anomaly(), t))
                        .min(java.util.Comparator.comparing(Seen::seenAt)).orElse(null);
                if (first != null) {
                    detected++;
                    delays.add(Duration.between(t.onset(), first.seenAt()));
                }
            }
            int truePositives = (int) reported.stream()
                    .filter(s -> injected.stream().anyMatch(t -> matches(s.anomaly(), t))).count();
            Collections.sort(delays);
            out.put(kind, new KindResult(kind, injected.size(), detected, reported.size(), truePositives,
                    delays.isEmpty() ? null : delays.get(delays.size() / 2)));
        }
        return out;
    }

    static boolean matches(Anomaly a, InjectedScenario.Injection t) {
        if (a.kind() != t.kind() || !a.windowStart().equals(t.windowStart())) {
            return false;
        }
        AnomalyEntity e = a.entity();
        if (t.kind() == AnomalyKind.SILENT_SOURCE && e.type().equals("host")) {
            String svc = t.entity().name();
            return e.name().equals("host-" + svc.substring("svc-".length()));
        }
        return e.equals(t.entity());
    }

    static void print(Map<AnomalyKind, KindResult> results) {
        System.out.printf(Locale.ROOT, "  %-14s %8s %8s %7s %8s %8s %9s %12s%n", "kind", "injected", "detected",
                "recall", "reported", "true pos", "precision", "median delay");
        for (KindResult r : results.values()) {
            System.out.printf(Locale.ROOT, "  %-14s %8d %8d %7s %8d %8d %9s %12s%n", r.kind().id(), r.injected(),
                    r.detected(), ratio(r.recall()), r.reported(), r.truePositives(), ratio(r.precision()),
                    r.medianDelay() == null ? "-" : r.medianDelay().toMinutes() + " min");
        }
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
