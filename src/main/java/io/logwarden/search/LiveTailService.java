package io.logwarden.search;

import io.logwarden.search.internal.ParsedQuery;
import io.logwarden.search.internal.SearchGuard;
import io.logwarden.search.internal.TailPoller;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventSearch;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Live tail: streams new events matching a query to a listener as they become searchable (in the order Logwarden
 * received them), at most
 * {@code logwarden.search.tail-max-events-per-second} per second. The caller's identity and scope are taken when the
 * tail starts and applied to every poll.
 */
@Service
public class LiveTailService {

    private final EventSearch events;
    private final AccessService access;
    private final SearchGuard guard;
    private final SearchProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("live-tail-timer").factory());
    /** Polls run on virtual threads, so many tails do not queue behind one another. */
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    public LiveTailService(EventSearch events, AccessService access, SearchGuard guard, SearchProperties properties) {
        this.events = events;
        this.access = access;
        this.guard = guard;
        this.properties = properties;
    }

    /**
     * Starts tailing events ingested from now on (by {@code event.ingested}, whatever their {@code @timestamp}). The
     * listener is called from a background thread, only with non-empty batches (or errors).
     */
    @PreAuthorize("isAuthenticated()")
    public LiveTail start(String query, Consumer<TailBatch> listener) {
        CurrentUser user = access.current();
        ParsedQuery parsed = guard.parse(user, query);
        guard.audit(user, "live-tail", parsed.text(), null, 0);
        TailPoller poller = new TailPoller(events, guard, properties, user, parsed, listener, Clock.systemUTC());
        poller.start(scheduler, workers);
        return poller;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }
}
