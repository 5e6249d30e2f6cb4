package io.logwarden.search;

import io.logwarden.search.internal.ChangeDiff;
import io.logwarden.search.internal.ParsedQuery;
import io.logwarden.search.internal.SearchGuard;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Following one thing through time: entity timelines and the events around a given event. */
@Service
public class ExploreService {

    private static final ParsedQuery EVERYTHING = new ParsedQuery("", java.util.Set.of(), 0);
    private static final Duration AROUND = Duration.ofDays(1);

    private final EventSearch events;
    private final AccessService access;
    private final SearchGuard guard;
    private final SearchProperties properties;

    public ExploreService(EventSearch events, AccessService access, SearchGuard guard, SearchProperties properties) {
        this.events = events;
        this.access = access;
        this.guard = guard;
        this.properties = properties;
    }

    /**
     * Everything that touched the entity in the range, oldest first (equal timestamps in ingestion order), with audit
     * before/after diffs: the oldest {@code logwarden.search.timeline-max} events and the total.
     */
    @PreAuthorize("isAuthenticated()")
    public TimelinePage timeline(EntityRef entity, TimeRange range) {
        return timeline(entity, range, null);
    }

    /** The next, newer stretch of a timeline after {@code previous} (a page of the same entity and range). */
    @PreAuthorize("isAuthenticated()")
    public TimelinePage timeline(EntityRef entity, TimeRange range, TimelinePage previous) {
        CurrentUser user = access.current();
        TimeRange slice = previous == null || previous.lastTimestamp() == null ? range
                : new TimeRange(previous.lastTimestamp(), range.to());
        EventQuery query = guard.query(user, EVERYTHING, slice, entity.filters());
        EventPage page = events.oldestFirst(query, previous == null ? List.of() : previous.idsAtLast(),
                properties.timelineMax());
        long offset = previous == null ? 0 : previous.offset() + previous.entries().size();
        long total = previous == null ? page.total() : previous.total();
        guard.audit(user, "timeline:" + entity.kind() + ":" + entity.filters().values(), null, slice,
                page.events().size());
        List<TimelineEntry> entries = page.events().stream().map(e -> {
            FoundEvent event = guard.visible(user, e);
            return new TimelineEntry(event, ChangeDiff.of(event.field("audit.before"), event.field("audit.after"),
                    event.field("audit.changes")));
        }).toList();
        // compared in epoch milliseconds, the resolution Elasticsearch sorts and filters @timestamp with
        Instant last = page.events().isEmpty() ? null : Instant.ofEpochMilli(page.events().getLast().sort().getFirst());
        List<String> idsAtLast = new ArrayList<>();
        if (previous != null && last != null && last.equals(previous.lastTimestamp())) {
            idsAtLast.addAll(previous.idsAtLast());
        }
        page.events().stream().filter(e -> last != null && e.sort().getFirst() == last.toEpochMilli())
                .map(StoredEvent::id).forEach(idsAtLast::add);
        return new TimelinePage(entries, total, offset, last, idsAtLast);
    }

    /** Up to {@code max} events before and after the event from the same host (or service), within a day. */
    @PreAuthorize("isAuthenticated()")
    public Optional<Surroundings> surroundings(String eventId, int max) {
        CurrentUser user = access.current();
        Optional<StoredEvent> anchor = events.byId(eventId, user.scope().toFilter());
        if (anchor.isEmpty() || anchor.get().timestamp() == null) {
            return Optional.empty();
        }
        StoredEvent event = anchor.get();
        FoundEvent visible = guard.visible(user, event);
        String field = visible.field("host.name") != null ? "host.name" : "service.name";
        Object value = visible.field(field);
        Map<String, String> filters = value == null ? Map.of() : Map.of(field, String.valueOf(value));
        TimeRange range = new TimeRange(event.timestamp().minus(AROUND), event.timestamp().plus(AROUND));
        EventSearch.Surroundings around = events.around(guard.query(user, EVERYTHING, range, filters),
                event.timestamp(), event.id(), max);
        guard.audit(user, "surroundings:" + eventId, null, range, around.before().size() + around.after().size());
        return Optional.of(new Surroundings(value == null ? null : field,
                guard.visible(user, around.before()).reversed(), visible, guard.visible(user, around.after())));
    }
}
