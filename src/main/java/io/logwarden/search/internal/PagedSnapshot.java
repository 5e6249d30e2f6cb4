package io.logwarden.search.internal;

import io.logwarden.search.FoundEvent;
import io.logwarden.search.Histogram;
import io.logwarden.search.SampledField;
import io.logwarden.search.SearchSnapshot;
import io.logwarden.search.TimeRange;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.CursorExpiredException;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.EventSearch;
import io.logwarden.storage.PageRequest;
import io.logwarden.storage.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link SearchSnapshot} over pages of {@value #PAGE_SIZE} rows. Page 0 is the first page, read without a point in
 * time. Further pages come from a point in time opened on first need, restricted to what page 0 did not show (events
 * at or before its last timestamp, minus the ones it showed with that timestamp), so rows neither repeat nor go
 * missing at the seam. The page right after one already read continues with {@code search_after}; any other page is
 * found by {@link EventSearch#pageAt} (histogram counts inside the point in time, then a small {@code from}), so a
 * jump to row 3,000,000 costs a few requests, not 15,000. A few pages are cached. An expired point in time is
 * replaced, the total recounted and the read retried once.
 */
public final class PagedSnapshot implements SearchSnapshot {

    public static final int PAGE_SIZE = 200;
    private static final int CACHED_PAGES = 10;

    private final EventSearch events;
    private final SearchGuard guard;
    private final CurrentUser user;
    private final EventQuery query;
    private final String text;
    private final TimeRange range;
    private final Duration keepAlive;
    private final Histogram histogram;
    private final List<FoundEvent> firstPage;
    private final List<SampledField> fields;
    /** Where page 0 ended: its last timestamp and the events it showed with that timestamp. */
    private final Instant seam;
    private final List<String> seamIds;
    private final List<Runnable> restartListeners = new CopyOnWriteArrayList<>();
    /** page index → sort values of its last row, read inside the current point in time. */
    private final Map<Long, List<Long>> boundaries = new HashMap<>();
    private final Map<Long, List<FoundEvent>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<FoundEvent>> eldest) {
            return size() > CACHED_PAGES;
        }
    };
    private volatile long total;
    private String pitId;
    private boolean closed;

    public PagedSnapshot(EventSearch events, SearchGuard guard, CurrentUser user, EventQuery query, String text,
                         TimeRange range, Duration keepAlive, List<StoredEvent> firstPage, Histogram histogram) {
        this.events = events;
        this.guard = guard;
        this.user = user;
        this.query = query;
        this.text = text;
        this.range = range;
        this.keepAlive = keepAlive;
        this.histogram = histogram;
        this.total = histogram.total();
        this.firstPage = guard.visible(user, firstPage);
        this.fields = FieldSample.of(firstPage, field -> guard.mayRead(user, field));
        if (firstPage.size() == PAGE_SIZE) {
            long last = firstPage.getLast().sort().getFirst();
            this.seam = Instant.ofEpochMilli(last);
            this.seamIds = firstPage.stream().filter(e -> e.sort().getFirst() == last).map(StoredEvent::id).toList();
        } else {
            this.seam = null;
            this.seamIds = List.of();
        }
    }

    @Override
    public String query() {
        return text;
    }

    @Override
    public TimeRange range() {
        return range;
    }

    @Override
    public long total() {
        return total;
    }

    @Override
    public Histogram histogram() {
        return histogram;
    }

    @Override
    public List<SampledField> fields() {
        return fields;
    }

    @Override
    public synchronized List<FoundEvent> rows(long offset, int limit) {
        List<FoundEvent> rows = new ArrayList<>(limit);
        long end = Math.min(offset + limit, total);
        for (long p = offset / PAGE_SIZE; p * PAGE_SIZE < end && !closed; p++) {
            List<FoundEvent> page = page(p);
            int from = (int) Math.max(offset - p * PAGE_SIZE, 0);
            int to = (int) Math.min(end - p * PAGE_SIZE, page.size());
            if (from < to) {
                rows.addAll(page.subList(from, to));
            }
            if (page.size() < PAGE_SIZE) {
                break;
            }
        }
        return rows;
    }

    @Override
    public void onRestart(Runnable listener) {
        restartListeners.add(listener);
    }

    @Override
    public synchronized void close() {
        closed = true;
        events.closePointInTime(pitId);
        pitId = null;
    }

    private List<FoundEvent> page(long index) {
        if (index == 0) {
            return firstPage;
        }
        if (seam == null) {
            return List.of();
        }
        List<FoundEvent> cached = cache.get(index);
        if (cached != null) {
            return cached;
        }
        List<StoredEvent> read;
        try {
            read = read(index);
        } catch (CursorExpiredException expired) {
            restart();
            read = read(index);
        }
        if (!read.isEmpty()) {
            boundaries.put(index, read.getLast().sort());
        }
        List<FoundEvent> page = guard.visible(user, read);
        cache.put(index, page);
        return page;
    }

    private List<StoredEvent> read(long index) {
        if (pitId == null) {
            pitId = events.openPointInTime(keepAlive);
        }
        List<Long> after = index == 1 ? List.of() : boundaries.get(index - 1);
        EventPage page = after != null ? events.page(query, request(PAGE_SIZE, after, false))
                : events.pageAt(query, request(PAGE_SIZE, List.of(), false), (index - 1) * PAGE_SIZE);
        pitId = page.pitId();
        return page.events();
    }

    /** A request for the rows after page 0, inside the point in time. */
    private PageRequest request(int size, List<Long> after, boolean count) {
        return new PageRequest(size, pitId, keepAlive, after, count, List.of(), seam, seamIds);
    }

    /** The point in time expired: start over on a new one, with the total as it now is. */
    private void restart() {
        boundaries.clear();
        cache.clear();
        pitId = events.openPointInTime(keepAlive);
        EventPage counted = events.page(query, request(0, List.of(), true));
        pitId = counted.pitId();
        total = firstPage.size() + counted.total();
        restartListeners.forEach(Runnable::run);
    }
}
