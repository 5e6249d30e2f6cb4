package io.logwarden.search;

import io.logwarden.search.internal.ChangeDiff;
import io.logwarden.search.internal.ParsedQuery;
import io.logwarden.search.internal.SearchGuard;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.StoredEvent;
import java.time.Duration;
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

    /** Everything that touched the entity in the range, oldest first, with audit before/after diffs. */
    @PreAuthorize("isAuthenticated()")
    public List<TimelineEntry> timeline(EntityRef entity, TimeRange range) {
        CurrentUser user = access.current();
        EventQuery query = guard.query(user, EVERYTHING, range, entity.filters());
        List<StoredEvent> found = events.oldestFirst(query, properties.timelineMax());
        guard.audit(user, "timeline:" + entity.kind() + ":" + entity.filters().values(), null, range, found.size());
        return found.stream().map(e -> {
            FoundEvent event = guard.visible(user, e);
            return new TimelineEntry(event, ChangeDiff.of(event.field("audit.before"), event.field("audit.after"),
                    event.field("audit.changes")));
        }).toList();
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
