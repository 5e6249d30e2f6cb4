package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Several instances against one cluster: each rule evaluated by one instance, taken over after a crash. */
@LogwardenIntegrationTest
class AlertLeaseIT {

    @Autowired
    ApplicationContext context;

    private AlertTestRig rig;

    @BeforeEach
    void start() {
        rig = new AlertTestRig(context);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void two_instances_against_one_cluster_evaluate_a_rule_once() throws Exception {
        rig.event(rig.t0.minusSeconds(10), Map.of("log", Map.of("level", "critical"), "event",
                Map.of("action", rig.tag)));
        AlertRule rule = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(5), 0,
                NoiseControl.NONE);
        RuleEvaluator a = rig.evaluator("instance-a");
        RuleEvaluator b = rig.evaluator("instance-b");
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<RuleEvaluator.Outcome>> both = List.of(
                () -> { go.await(); return a.evaluate(rule, rig.t0); },
                () -> { go.await(); return b.evaluate(rule, rig.t0); });
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<RuleEvaluator.Outcome>> futures = both.stream().map(pool::submit).toList();
            go.countDown();
            List<RuleEvaluator.Outcome> outcomes = new ArrayList<>();
            for (Future<RuleEvaluator.Outcome> f : futures) {
                outcomes.add(f.get());
            }
            outcomes.forEach(o -> o.deliveries().join());
            assertThat(outcomes).filteredOn(RuleEvaluator.Outcome::evaluated).hasSize(1);
        }
        assertThat(rig.received()).containsExactly("FIRING:");

        // The holder renews at the next due time; the other instance stays out while the lease is valid.
        assertThat(b.evaluate(rule, rig.t0.plusSeconds(60)).evaluated()
                ^ a.evaluate(rule, rig.t0.plusSeconds(60)).evaluated()).isTrue();
    }

    @Test
    void another_instance_takes_over_an_expired_lease_and_keeps_the_state() {
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag)));
        AlertRule rule = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(10), 0,
                NoiseControl.NONE);

        assertThat(rig.run(rig.evaluator("crashed"), rule, rig.t0)).containsExactly("FIRING:");
        assertThat(rig.evaluator("successor").evaluate(rule, rig.t0.plusSeconds(60)).evaluated()).isFalse();
        RuleEvaluator.Outcome takeOver = rig.evaluator("successor").evaluate(rule, rig.t0.plus(Duration.ofMinutes(3)));
        assertThat(takeOver.evaluated()).isTrue();
        assertThat(takeOver.notifications()).as("still firing: no duplicate").isEmpty();
        assertThat(rig.received()).containsExactly("FIRING:");
    }

    @Test
    void a_brief_channel_failure_is_retried_with_back_off_and_delivered_once() {
        rig.hook.thenAnswer(500, 503);
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag)));
        AlertRule rule = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(5), 0,
                NoiseControl.NONE);
        var outbox = rig.outbox("a");

        assertThat(rig.run(rig.evaluator("a", outbox, false), rule, rig.t0)).containsExactly("FIRING:");
        assertThat(outbox.dispatchDue(rig.t0.plusSeconds(1))).hasSize(1);
        assertThat(outbox.pending(rule.id())).singleElement()
                .satisfies(p -> assertThat(p.nextAttemptAt()).isEqualTo(rig.t0.plusSeconds(3)));
        assertThat(outbox.dispatchDue(rig.t0.plusSeconds(3))).hasSize(1);

        assertThat(rig.hook.requests()).hasSize(3);
        assertThat(rig.history(rule)).contains("notified");
        assertThat(rig.run(rig.evaluator("a", outbox, false), rule, rig.t0.plusSeconds(60))).isEmpty();
        assertThat(outbox.dispatchDue(rig.t0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(rig.hook.requests()).hasSize(3);
    }
}
