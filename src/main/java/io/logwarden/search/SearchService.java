package io.logwarden.search;

import io.logwarden.search.internal.Cursor;
import io.logwarden.search.internal.ParsedQuery;
import io.logwarden.search.internal.SearchGuard;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventFields;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.PageRequest;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.StoredEvent;
import io.logwarden.storage.TopTerms;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Full-text search over the events the caller may see: validated Lucene queries, a time range that is always
 * applied, the caller's scope applied outside the query, point-in-time paging newest first, histogram and top
 * values.
 */
@Service
public class SearchService {

    private static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));

    private final EventSearch events;
    private final AccessService access;
    private final SearchGuard guard;
    private final SearchProperties properties;
    private final Clock clock;

    public SearchService(EventSearch events, AccessService access, SearchGuard guard, SearchProperties properties) {
        this.events = events;
        this.access = access;
        this.guard = guard;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** Checks a query without running it; throws {@link QuerySyntaxException} pointing at the problem. */
    @PreAuthorize("isAuthenticated()")
    public void validate(String query) {
        guard.parse(access.current(), query);
    }

    /**
     * The storage query {@link #search} runs for the caller: the query validated exactly as a search's (400 with the
     * position when it is wrong), Search's default fields, operator and wildcard settings, and the caller's scope.
     * Exports use it, so that an export of a search returns exactly the search's rows.
     */
    @PreAuthorize("isAuthenticated()")
    public EventQuery query(String query, TimeRange range) {
        CurrentUser user = access.current();
        return guard.query(user, guard.parse(user, query), range, Map.of());
    }

    /** Resolves {@code from}/{@code to} as given by a user (blank from = the configured default range). */
    public TimeRange range(String from, String to) {
        return TimeRange.parse(from, to, properties.defaultRange(), clock);
    }

    /**
     * One page of matching events, newest first. Without a cursor the first page; with the cursor of a previous
     * page, the page after it (the query must be the same, the range of the first page is kept).
     */
    @PreAuthorize("isAuthenticated()")
    public SearchResult search(String query, TimeRange range, int size, String cursor, List<String> fields) {
        CurrentUser user = access.current();
        ParsedQuery parsed = guard.parse(user, query);
        if (size < 1 || size > properties.maxPageSize()) {
            throw new QuerySyntaxException("'size' must be between 1 and " + properties.maxPageSize(), -1);
        }
        List<String> sourceFields = sourceFields(user, fields);
        int hash = Cursor.hash(parsed.text());
        Cursor previous = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        if (previous != null && previous.queryHash() != hash) {
            throw new QuerySyntaxException("The cursor belongs to a different query", -1);
        }
        TimeRange effective = previous == null ? range : new TimeRange(previous.from(), previous.to());
        EventQuery eventQuery = guard.query(user, parsed, effective, Map.of());
        EventPage page = rejectedAsSyntax(() -> events.page(eventQuery, new PageRequest(size,
                previous == null ? null : previous.pitId(), properties.cursorKeepAlive(),
                previous == null ? List.of() : previous.searchAfter(), previous == null, sourceFields)));
        long total = previous == null ? page.total() : previous.total();
        if (previous == null) {
            guard.audit(user, "search", parsed.text(), effective, total);
        }
        String next = null;
        if (page.events().size() == size) {
            StoredEvent last = page.events().getLast();
            next = new Cursor(page.pitId(), last.sort(), total, effective.from(), effective.to(), hash).encode();
        } else {
            events.closePointInTime(page.pitId());
        }
        return new SearchResult(total, guard.visible(user, page.events()), next);
    }

    /** Matching events over time, in about {@code properties.histogramBuckets()} buckets of a round width. */
    @PreAuthorize("isAuthenticated()")
    public Histogram histogram(String query, TimeRange range) {
        CurrentUser user = access.current();
        EventQuery eventQuery = guard.query(user, guard.parse(user, query), range, Map.of());
        Duration interval = interval(range);
        List<HistogramBucket> buckets = rejectedAsSyntax(() -> events.histogram(eventQuery, interval)).stream()
                .map(b -> new HistogramBucket(b.start(), b.count())).toList();
        return new Histogram(range, interval, buckets);
    }

    /** The {@code size} most frequent values of {@code field} among the matching events. */
    @PreAuthorize("isAuthenticated()")
    public TopValues topValues(String field, String query, TimeRange range, int size) {
        CurrentUser user = access.current();
        if (!EventFields.aggregatable(field)) {
            throw new QuerySyntaxException(EventFields.typeOf(field).isEmpty() ? "Unknown field '" + field + "'"
                    : "Field '" + field + "' is full text; top values need a keyword, number, date or IP field", -1);
        }
        if (!guard.mayRead(user, field)) {
            throw new org.springframework.security.access.AccessDeniedException("Field '" + field
                    + "' holds personal data, which your role may not read");
        }
        if (size < 1 || size > 100) {
            throw new QuerySyntaxException("'size' must be between 1 and 100", -1);
        }
        EventQuery eventQuery = guard.query(user, guard.parse(user, query), range, Map.of());
        TopTerms top = rejectedAsSyntax(() -> events.topTerms(eventQuery, field, size));
        guard.audit(user, "top-values:" + field, query, range, top.matching());
        return new TopValues(field, top.matching(), top.missing(), top.other(), top.values().stream()
                .map(v -> new TopValues.ValueCount(v.value(), v.count())).toList());
    }

    /** The event with this id, if the caller's scope covers it. */
    @PreAuthorize("isAuthenticated()")
    public Optional<FoundEvent> event(String id) {
        CurrentUser user = access.current();
        Optional<FoundEvent> event = events.byId(id, user.scope().toFilter()).map(e -> guard.visible(user, e));
        guard.audit(user, "read-event:" + id, null, null, event.isPresent() ? 1 : 0);
        return event;
    }

    private List<String> sourceFields(CurrentUser user, List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return List.of();
        }
        List<String> checked = new ArrayList<>();
        checked.add("@timestamp");
        for (String field : fields) {
            String name = field.strip();
            if (name.isEmpty() || checked.contains(name)) {
                continue;
            }
            if (EventFields.typeOf(name).isEmpty() && !name.startsWith("audit.") && !name.equals("labels")) {
                throw new QuerySyntaxException("Unknown field '" + name + "' in 'fields'", -1);
            }
            checked.add(name);
        }
        return List.copyOf(checked);
    }

    Duration interval(TimeRange range) {
        Duration wanted = range.length().dividedBy(properties.histogramBuckets());
        return INTERVALS.stream().filter(i -> i.compareTo(wanted) >= 0).findFirst().orElse(INTERVALS.getLast());
    }

    private static <T> T rejectedAsSyntax(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (QueryRejectedException e) {
            throw new QuerySyntaxException("Elasticsearch rejected the query: " + e.getMessage(), -1);
        }
    }
}
