package io.logwarden.alert.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The alert feature's background work, each job on its own fixed delay: rule evaluation, retries of pending
 * deliveries and notification pruning (only with {@code logwarden.alert.enabled}), and health sampling (always: other
 * instances may evaluate HEALTH rules). Stopping interrupts the jobs and does not wait for them.
 */
public class AlertScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertScheduler.class);

    /** @param name for the log @param every fixed delay @param task the work */
    public record Job(String name, Duration every, Runnable task) {
    }

    private final List<Job> jobs;
    private ScheduledExecutorService executor;

    public AlertScheduler(List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
    }

    public List<Job> jobs() {
        return jobs;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("alert-scheduler-", 0).daemon()
                .factory());
        for (Job job : jobs) {
            long millis = job.every().toMillis();
            executor.scheduleWithFixedDelay(() -> run(job), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private static void run(Job job) {
        try {
            job.task().run();
        } catch (RuntimeException e) {
            log.warn("Alert job '{}' failed: {}", job.name(), e.getMessage());
        }
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

    /** The jobs for the given settings. */
    static List<Job> jobs(boolean enabled, Duration evaluation, Runnable evaluate, Duration deliveryPoll,
                          Runnable dispatch, Duration healthPoll, Runnable pollHealth, Runnable prune) {
        List<Job> jobs = new ArrayList<>();
        if (enabled) {
            jobs.add(new Job("evaluate rules", evaluation, evaluate));
            jobs.add(new Job("retry pending deliveries", deliveryPoll, dispatch));
            jobs.add(new Job("prune notifications", Duration.ofHours(1), prune));
        }
        jobs.add(new Job("sample health", healthPoll, pollHealth));
        return jobs;
    }
}
