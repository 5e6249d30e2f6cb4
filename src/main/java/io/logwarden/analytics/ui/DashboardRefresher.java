package io.logwarden.analytics.ui;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Runs dashboards' auto-refresh off the UI thread; results reach the browser through Vaadin Push. */
@Component
class DashboardRefresher {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().name("dashboard-refresh-", 0).daemon().factory());

    ScheduledFuture<?> every(Duration interval, Runnable task) {
        return scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().start(task), interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
