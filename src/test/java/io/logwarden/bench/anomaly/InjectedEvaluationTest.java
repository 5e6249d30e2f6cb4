package io.logwarden.bench.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectedEvaluationTest {

    static final Instant W0 = Instant.parse("2022-03-01T03:00:00Z");
    static final Duration W = InjectedScenario.W;

    @Test
    void scores_recall_precision_and_delay_per_kind_counting_only_medium_and_more() {
        AnomalyEntity slowAction = AnomalyEntity.action("svc-00001", "op-000012");
        AnomalyEntity silent = AnomalyEntity.service("svc-00004");
        List<InjectedScenario.Injection> truth = List.of(
                new InjectedScenario.Injection(AnomalyKind.DURATION, slowAction, W0, W0),
                new InjectedScenario.Injection(AnomalyKind.DURATION, AnomalyEntity.action("svc-00002", "op-000020"),
                        W0, W0),
                new InjectedScenario.Injection(AnomalyKind.SILENT_SOURCE, silent, W0, W0));
        InjectedEvaluation e = new InjectedEvaluation();
        Instant firstCycle = W0.plus(W).plusSeconds(1);
        e.add(List.of(
                anomaly(AnomalyKind.DURATION, slowAction, W0, Severity.HIGH),
                // right entity, wrong window: a false positive
                anomaly(AnomalyKind.DURATION, slowAction, W0.plus(W), Severity.MEDIUM),
                // low: not counted at all
                anomaly(AnomalyKind.DURATION, AnomalyEntity.action("svc-00002", "op-000020"), W0, Severity.LOW),
                // the silent service's host counts for its silence
                anomaly(AnomalyKind.SILENT_SOURCE, AnomalyEntity.host("host-00004"), W0, Severity.MEDIUM)),
                firstCycle);
        // the silence itself is seen one cycle later; the slow action again (its first sighting stays)
        Instant secondCycle = firstCycle.plus(W);
        e.add(List.of(anomaly(AnomalyKind.SILENT_SOURCE, silent, W0, Severity.HIGH),
                anomaly(AnomalyKind.DURATION, slowAction, W0, Severity.HIGH)), secondCycle);

        Map<AnomalyKind, InjectedEvaluation.KindResult> r = e.evaluate(truth);

        InjectedEvaluation.KindResult duration = r.get(AnomalyKind.DURATION);
        assertThat(duration.injected()).isEqualTo(2);
        assertThat(duration.detected()).isEqualTo(1);
        assertThat(duration.recall()).isEqualTo(0.5);
        assertThat(duration.reported()).isEqualTo(2);
        assertThat(duration.precision()).isEqualTo(0.5);
        assertThat(duration.medianDelay()).isEqualTo(Duration.between(W0, firstCycle));
        InjectedEvaluation.KindResult silence = r.get(AnomalyKind.SILENT_SOURCE);
        assertThat(silence.detected()).isEqualTo(1);
        assertThat(silence.reported()).isEqualTo(2);
        assertThat(silence.precision()).isEqualTo(1.0);
        assertThat(silence.medianDelay()).as("the host was reported first").isEqualTo(Duration.between(W0, firstCycle));
        assertThat(r.get(AnomalyKind.ERROR_RATE).recall()).isNaN();
    }

    private static Anomaly anomaly(AnomalyKind kind, AnomalyEntity entity, Instant start, Severity severity) {
        double score = switch (severity) {
            case LOW -> 35;
            case MEDIUM -> 55;
            case HIGH -> 85;
        };
        return new Anomaly(Anomaly.idOf(kind, entity, start), kind, entity, start, start.plus(W), score, severity,
                1, 0, 1, "", "test", start.plus(W), AnomalyStatus.OPEN);
    }
}
