package io.logwarden.search.internal;

import io.logwarden.search.LiveTail;
import io.logwarden.search.SearchProperties;
import io.logwarden.search.TailBatch;
import io.logwarden.search.TimeRange;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live tail. Each poll reads the newest matching events from {@code lookback} before the newest event seen so
 * far (events become searchable up to a refresh interval late, and clocks differ), drops those already delivered,
 * and delivers at most the rate limit, newest kept. Events already there when the tail starts are not delivered.
 */
public final class TailPoller implements LiveTail, Runnable {

    private static final Logger log = LoggerFactory.getLogger(TailPoller.class);
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    private static final int MAX_WINDOW = 10_000;

    private final EventSearch events;
    private final SearchGuard guard;
    private final CurrentUser user;
    private final ParsedQuery query;
    private final Consumer<TailBatch> listener;
    private final Clock clock;
    private final Duration interval;
    private final Duration lookback;
    private final int perPoll;
    /** id → timestamp of events seen within the lookback window. */
    private final Map<String, Instant> seen = new HashMap<>();
    private Instant watermark;
    /** After a flood, older events than the oldest delivered one are skipped for good. */
    private Instant floor;
    private volatile boolean paused;
    private volatile boolean closed;
    private ScheduledFuture<?> task;

    public TailPoller(EventSearch events, SearchGuard guard, SearchProperties properties, CurrentUser user,
                      ParsedQuery query, Consumer<TailBatch> listener, Clock clock) {
        this.events = events;
        this.guard = guard;
        this.user = user;
        this.query = query;
        this.listener = listener;
        this.clock = clock;
        this.interval = properties.tailInterval();
        this.lookback = properties.tailLookback();
        this.perPoll = (int) Math.max(1, properties.tailMaxEventsPerSecond() * interval.toMillis() / 1000);
    }

    public synchronized void start(ScheduledExecutorService scheduler) {
        watermark = clock.instant();
        for (StoredEvent existing : fetch()) {
            seen.put(existing.id(), existing.timestamp());
        }
        task = scheduler.scheduleWithFixedDelay(this, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void run() {
        if (paused || closed) {
            return;
        }
        try {
            List<StoredEvent> fresh = new ArrayList<>();
            for (StoredEvent event : fetch()) {
                if (!seen.containsKey(event.id())) {
                    fresh.add(event);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            for (StoredEvent event : fresh) {
                seen.put(event.id(), event.timestamp());
                if (event.timestamp() != null && event.timestamp().isAfter(watermark)) {
                    watermark = event.timestamp();
                }
            }
            Instant horizon = watermark.minus(lookback);
            seen.values().removeIf(t -> t == null || t.isBefore(horizon));
            // fresh is newest first: keep the newest perPoll, deliver them oldest first
            List<StoredEvent> delivered = fresh.subList(0, Math.min(perPoll, fresh.size())).reversed();
            if (fresh.size() > perPoll && delivered.getFirst().timestamp() != null) {
                floor = delivered.getFirst().timestamp();
            }
            listener.accept(new TailBatch(guard.visible(user, delivered), fresh.size() - delivered.size(), null));
        } catch (RuntimeException e) {
            log.warn("Live tail poll failed: {}", e.getMessage());
            listener.accept(new TailBatch(List.of(), 0, e.getMessage()));
        }
    }

    private List<StoredEvent> fetch() {
        Instant now = clock.instant();
        Instant from = watermark.minus(lookback);
        if (floor != null && floor.isAfter(from)) {
            from = floor;
        }
        TimeRange range = new TimeRange(from, now.plus(FUTURE_SKEW));
        EventQuery eventQuery = guard.query(user, query, range, Map.of());
        return events.newestFirst(eventQuery, Math.min(MAX_WINDOW, seen.size() + perPoll + 1));
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public boolean paused() {
        return paused;
    }

    @Override
    public void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
    }
}
