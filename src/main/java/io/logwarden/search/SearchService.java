package io.logwarden.search;

import io.logwarden.health.DomainMetrics;
import io.logwarden.search.internal.Cursor;
import io.logwarden.search.internal.PagedSnapshot;
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
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Full-text search over the events the caller may see: validated Lucene queries, a time range that is always
 * applied, the caller's scope applied outside the query, paging newest first, histogram and top values. Every search
 * is timed into {@link DomainMetrics#recordSearch}.
 */
@Service
public class SearchService {

    /** Most events of a first page's last timestamp a cursor carries; beyond it the first page opens the PIT. */
    static final int MAX_BOUNDARY_IDS = 100;
    private static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));

    private final EventSearch events;
    private final AccessService access;
    private final SearchGuard guard;
    private final SearchProperties properties;
    private final DomainMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public SearchService(EventSearch events, AccessService access, SearchGuard guard, SearchProperties properties,
                         DomainMetrics metrics) {
        this.events = events;
        this.access = access;
        this.guard = guard;
        this.properties = properties;
        this.metrics = metrics;
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
     * One page of matching events, newest first. Without a cursor the first page, read in one request without a
     * point in time; its cursor remembers where it ended, and the second page opens the point in time that the
     * later pages share. With the cursor of a previous page, the page after it (the query must be the same, the
     * range of the first page is kept).
     */
    @PreAuthorize("isAuthenticated()")
    public SearchResult search(String query, TimeRange range, int size, String cursor, List<String> fields) {
        return timed(() -> {
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
            if (previous == null) {
                EventQuery eventQuery = guard.query(user, parsed, range, Map.of());
                SearchResult first = firstPage(user, eventQuery, range, size, sourceFields, hash);
                guard.audit(user, "search", parsed.text(), range, first.total());
                return first;
            }
            TimeRange effective = new TimeRange(previous.from(), previous.to());
            return nextPage(user, guard.query(user, parsed, effective, Map.of()), previous, size, sourceFields);
        });
    }

    private SearchResult firstPage(CurrentUser user, EventQuery query, TimeRange range, int size, List<String> fields,
                                   int hash) {
        EventPage page = rejectedAsSyntax(() -> events.first(query, size, true, fields));
        if (page.events().size() < size) {
            return new SearchResult(page.total(), guard.visible(user, page.events()), null);
        }
        long lastMillis = page.events().getLast().sort().getFirst();
        List<String> boundary = page.events().stream().filter(e -> e.sort().getFirst() == lastMillis)
                .map(StoredEvent::id).toList();
        if (boundary.size() <= MAX_BOUNDARY_IDS) {
            Cursor next = new Cursor("", List.of(), page.total(), range.from(), range.to(), hash,
                    Instant.ofEpochMilli(lastMillis), boundary);
            return new SearchResult(page.total(), guard.visible(user, page.events()), next.encode());
        }
        // Too many events share the last millisecond to carry in a cursor: read the page again inside a PIT.
        String pit = events.openPointInTime(properties.cursorKeepAlive());
        EventPage inPit = events.page(query, new PageRequest(size, pit, properties.cursorKeepAlive(), List.of(),
                false, fields));
        Cursor next = new Cursor(inPit.pitId(), inPit.events().getLast().sort(), page.total(), range.from(),
                range.to(), hash, null, List.of());
        return new SearchResult(page.total(), guard.visible(user, inPit.events()), next.encode());
    }

    private SearchResult nextPage(CurrentUser user, EventQuery query, Cursor previous, int size, List<String> fields) {
        String pit = previous.pitId().isEmpty() ? events.openPointInTime(properties.cursorKeepAlive())
                : previous.pitId();
        EventPage page = rejectedAsSyntax(() -> events.page(query, new PageRequest(size, pit,
                properties.cursorKeepAlive(), previous.searchAfter(), false, fields, previous.notAfter(),
                previous.excludedIds())));
        if (page.events().size() < size) {
            events.closePointInTime(page.pitId());
            return new SearchResult(previous.total(), guard.visible(user, page.events()), null);
        }
        StoredEvent last = page.events().getLast();
        boolean pastBoundary = previous.notAfter() == null
                || last.sort().getFirst() < previous.notAfter().toEpochMilli();
        Cursor next = new Cursor(page.pitId(), last.sort(), previous.total(), previous.from(), previous.to(),
                previous.queryHash(), pastBoundary ? null : previous.notAfter(),
                pastBoundary ? List.of() : previous.excludedIds());
        return new SearchResult(previous.total(), guard.visible(user, page.events()), next.encode());
    }

    /**
     * Opens a search for the Search view's grid: the first page and the histogram (which gives the exact total)
     * run concurrently; later rows are read through a point in time opened on the first scroll. Close the snapshot
     * when done with it.
     */
    @PreAuthorize("isAuthenticated()")
    public SearchSnapshot open(String query, TimeRange range) {
        return timed(() -> {
            CurrentUser user = access.current();
            ParsedQuery parsed = guard.parse(user, query);
            EventQuery eventQuery = guard.query(user, parsed, range, Map.of());
            Duration interval = interval(range);
            CompletableFuture<Histogram> histogram = CompletableFuture.supplyAsync(
                    () -> histogram(eventQuery, range, interval), background);
            EventPage first;
            try {
                first = rejectedAsSyntax(() -> events.first(eventQuery, PagedSnapshot.PAGE_SIZE, false, List.of()));
            } catch (RuntimeException e) {
                histogram.cancel(true);
                throw e;
            }
            Histogram matches = join(histogram);
            guard.audit(user, "search", parsed.text(), range, matches.total());
            return new PagedSnapshot(events, guard, user, eventQuery, parsed.text(), range,
                    properties.cursorKeepAlive(), first.events(), matches);
        });
    }

    /** Matching events over time, in about {@code properties.histogramBuckets()} buckets of a round width. */
    @PreAuthorize("isAuthenticated()")
    public Histogram histogram(String query, TimeRange range) {
        return timed(() -> {
            CurrentUser user = access.current();
            EventQuery eventQuery = guard.query(user, guard.parse(user, query), range, Map.of());
            return histogram(eventQuery, range, interval(range));
        });
    }

    private Histogram histogram(EventQuery query, TimeRange range, Duration interval) {
        List<HistogramBucket> buckets = rejectedAsSyntax(() -> events.histogram(query, interval)).stream()
                .map(b -> new HistogramBucket(b.start(), b.count())).toList();
        return new Histogram(range, interval, buckets);
    }

    /** The {@code size} most frequent values of {@code field} among the matching events. */
    @PreAuthorize("isAuthenticated()")
    public TopValues topValues(String field, String query, TimeRange range, int size) {
        return timed(() -> {
            CurrentUser user = access.current();
            if (!EventFields.aggregatable(field)) {
                throw new QuerySyntaxException(EventFields.typeOf(field).isEmpty() ? "Unknown field '" + field + "'"
                        : "Field '" + field + "' is full text; top values need a keyword, number, date or IP field",
                        -1);
            }
            if (size < 1 || size > 100) {
                throw new QuerySyntaxException("'size' must be between 1 and 100", -1);
            }
            EventQuery eventQuery = guard.query(user, guard.parse(user, query), range, Map.of());
            TopTerms top = rejectedAsSyntax(() -> events.topTerms(eventQuery, field, size));
            guard.audit(user, "top-values:" + field, query, range, top.matching());
            return new TopValues(field, top.matching(), top.missing(), top.other(), visibleValues(user, field, top));
        });
    }

    /** The event with this id, if the caller's scope covers it. */
    @PreAuthorize("isAuthenticated()")
    public Optional<FoundEvent> event(String id) {
        CurrentUser user = access.current();
        Optional<FoundEvent> event = events.byId(id, user.scope().toFilter()).map(e -> guard.visible(user, e));
        guard.audit(user, "read-event:" + id, null, null, event.isPresent() ? 1 : 0);
        return event;
    }

    /** Top values as the caller may see them: personal values masked, values that mask alike merged. */
    private List<TopValues.ValueCount> visibleValues(CurrentUser user, String field, TopTerms top) {
        if (guard.mayRead(user, field)) {
            return top.values().stream().map(v -> new TopValues.ValueCount(v.value(), v.count())).toList();
        }
        Map<String, Long> merged = new java.util.LinkedHashMap<>();
        top.values().forEach(v -> merged.merge(guard.visibleValue(user, field, v.value()), v.count(), Long::sum));
        return merged.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new TopValues.ValueCount(e.getKey(), e.getValue())).toList();
    }

    /** The fields a column or filter can name: every mapped event field (labels.* keys come from the results). */
    public List<String> knownFields() {
        return List.copyOf(EventFields.types().keySet());
    }

    /** Whether a field's values can be counted and filtered on exactly (keyword-like fields and labels). */
    public boolean facetable(String field) {
        return EventFields.aggregatable(field);
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

    private <T> T timed(Supplier<T> search) {
        long started = System.nanoTime();
        boolean answered = false;
        try {
            T result = search.get();
            answered = true;
            return result;
        } finally {
            metrics.recordSearch(Duration.ofNanos(System.nanoTime() - started), answered);
        }
    }

    private static Histogram join(CompletableFuture<Histogram> histogram) {
        try {
            return histogram.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static <T> T rejectedAsSyntax(Supplier<T> call) {
        try {
            return call.get();
        } catch (QueryRejectedException e) {
            throw new QuerySyntaxException("Elasticsearch rejected the query: " + e.getMessage(), -1);
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
