package io.logwarden.search.internal;

import io.logwarden.search.FoundEvent;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live tail, following {@code event.ingested} (when Logwarden received an event, by Logwarden's own clock), not
 * {@code @timestamp}: a late event (a journal backlog after a reconnect) or one from a host whose clock is off is
 * still new when it arrives, and a future timestamp cannot push the window past everything else. Events become
 * searchable in about the order they were ingested, so each poll reads the ids of matching events ingested since
 * {@code lookback} before the newest ingestion seen (refresh interval, parallel bulk requests), drops those already
 * delivered, then fetches the documents of at most the rate limit of the newest ones. Events there when the tail
 * starts are not delivered.
 */
public final class TailPoller implements LiveTail, Runnable {

    private static final Logger log = LoggerFactory.getLogger(TailPoller.class);
    private static final int MAX_WINDOW = 10_000;
    /** Any event time is accepted: the tail filters on ingestion time. */
    private static final Duration FUTURE = Duration.ofDays(1);

    private final EventSearch events;
    private final SearchGuard guard;
    private final CurrentUser user;
    private final ParsedQuery query;
    private final Consumer<TailBatch> listener;
    private final Clock clock;
    private final Duration interval;
    private final Duration lookback;
    private final int perPoll;
    private final AtomicBoolean polling = new AtomicBoolean();
    /** id → ingestion time of events seen within the lookback window. */
    private final Map<String, Instant> seen = new HashMap<>();
    private Instant watermark;
    /** After a flood, events ingested before the oldest one delivered are skipped for good. */
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

    /** Marks what is there now as seen, then polls every interval on {@code workers}, one poll at a time. */
    public synchronized void start(ScheduledExecutorService scheduler, Executor workers) {
        watermark = clock.instant();
        for (StoredEvent existing : window()) {
            seen.put(existing.id(), ingested(existing));
        }
        task = scheduler.scheduleWithFixedDelay(() -> {
            if (!closed && polling.compareAndSet(false, true)) {
                workers.execute(() -> {
                    try {
                        run();
                    } finally {
                        polling.set(false);
                    }
                });
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void run() {
        if (paused || closed) {
            return;
        }
        try {
            List<StoredEvent> window = window();
            List<StoredEvent> fresh = new ArrayList<>();
            for (StoredEvent event : window) {
                if (!seen.containsKey(event.id())) {
                    fresh.add(event);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            for (StoredEvent event : fresh) {
                Instant ingested = ingested(event);
                seen.put(event.id(), ingested);
                if (ingested.isAfter(watermark)) {
                    watermark = ingested;
                }
            }
            Instant horizon = watermark.minus(lookback);
            seen.values().removeIf(t -> t.isBefore(horizon));
            // fresh is most recently ingested first: deliver the newest perPoll, oldest first
            List<StoredEvent> chosen = fresh.subList(0, Math.min(perPoll, fresh.size()));
            if (fresh.size() > perPoll) {
                floor = ingested(chosen.getLast());
            }
            listener.accept(new TailBatch(documents(chosen), fresh.size() - chosen.size(), null));
        } catch (RuntimeException e) {
            log.warn("Live tail poll failed: {}", e.getMessage());
            listener.accept(new TailBatch(List.of(), 0, e.getMessage()));
        }
    }

    /** Ids and ingestion times of the matching events ingested since the watermark's lookback (or the floor). */
    private List<StoredEvent> window() {
        Instant since = watermark.minus(lookback);
        if (floor != null && floor.isAfter(since)) {
            since = floor;
        }
        TimeRange anyTime = new TimeRange(Instant.EPOCH, clock.instant().plus(FUTURE));
        EventQuery eventQuery = guard.query(user, query, anyTime, Map.of());
        return events.ingestedSince(eventQuery, since, Math.min(MAX_WINDOW, seen.size() + perPoll + 1), false);
    }

    /** The chosen events' documents, masked, in ingestion order (then by timestamp). */
    private List<FoundEvent> documents(List<StoredEvent> chosen) {
        Map<String, Instant> order = new HashMap<>();
        chosen.forEach(e -> order.put(e.id(), ingested(e)));
        List<StoredEvent> read = new ArrayList<>(events.byIds(order.keySet(), user.scope().toFilter()));
        read.sort(Comparator.comparing((StoredEvent e) -> order.get(e.id()))
                .thenComparing(StoredEvent::timestamp, Comparator.nullsFirst(Comparator.naturalOrder())));
        return guard.visible(user, read);
    }

    private static Instant ingested(StoredEvent event) {
        return event.sort().isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(event.sort().getFirst());
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
