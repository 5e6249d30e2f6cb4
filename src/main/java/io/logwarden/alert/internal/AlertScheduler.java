package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRuleService;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the evaluator every {@code logwarden.alert.evaluation-interval} on one background thread. */
public class AlertScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertScheduler.class);

    private final AlertRuleService rules;
    private final RuleEvaluator evaluator;
    private final Duration interval;
    private final Clock clock;
    private final boolean autoStartup;
    private ScheduledExecutorService executor;

    public AlertScheduler(AlertRuleService rules, RuleEvaluator evaluator, Duration interval, Clock clock,
                          boolean autoStartup) {
        this.autoStartup = autoStartup;
        this.rules = rules;
        this.evaluator = evaluator;
        this.interval = interval;
        this.clock = clock;
    }

    public void tick() {
        try {
            evaluator.evaluateDue(rules.allRules(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("Alert evaluation round failed: {}", e.getMessage());
        }
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("alert-scheduler").daemon()
                .factory());
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
