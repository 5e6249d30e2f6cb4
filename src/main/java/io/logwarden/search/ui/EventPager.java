package io.logwarden.search.ui;

import io.logwarden.search.FoundEvent;
import io.logwarden.search.SearchResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random access by row offset over a cursor-paged search, for the grid's lazy data provider. It remembers the
 * cursor at every page boundary it has passed; a page not seen yet is reached by walking from the nearest known
 * boundary with cheap timestamp-only pages. A few full pages are cached.
 */
final class EventPager {

    /** Reads one page: {@code cursor} null for the first page; {@code fields} empty for whole events. */
    interface PageSource {
        SearchResult page(String cursor, int size, List<String> fields);
    }

    static final int PAGE_SIZE = 200;
    private static final int WALK_SIZE = 1000;
    private static final List<String> TIMESTAMP_ONLY = List.of("@timestamp");
    private static final int CACHED_PAGES = 10;

    private final PageSource source;
    private final int maxRows;
    /** page index → cursor that reads it (page 0 has none). */
    private final Map<Integer, String> boundaries = new HashMap<>();
    private final Map<Integer, List<FoundEvent>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<FoundEvent>> eldest) {
            return size() > CACHED_PAGES;
        }
    };
    private long total = -1;

    EventPager(PageSource source, int maxRows) {
        this.source = source;
        this.maxRows = maxRows;
    }

    /** All matching events (read with the first page). */
    long total() {
        if (total < 0) {
            page(0);
        }
        return total;
    }

    /** Rows the grid may scroll through: the total, capped. */
    int rows() {
        return (int) Math.min(total(), maxRows);
    }

    List<FoundEvent> fetch(int offset, int limit) {
        List<FoundEvent> rows = new ArrayList<>(limit);
        int end = Math.min(offset + limit, rows());
        for (int p = offset / PAGE_SIZE; p * PAGE_SIZE < end; p++) {
            List<FoundEvent> page = page(p);
            int from = Math.max(offset - p * PAGE_SIZE, 0);
            int to = Math.min(end - p * PAGE_SIZE, page.size());
            if (from < to) {
                rows.addAll(page.subList(from, to));
            }
            if (page.size() < PAGE_SIZE) {
                break;
            }
        }
        return rows;
    }

    private List<FoundEvent> page(int index) {
        List<FoundEvent> cached = cache.get(index);
        if (cached != null) {
            return cached;
        }
        String cursor = index == 0 ? null : reach(index);
        if (index > 0 && cursor == null) {
            return List.of();
        }
        SearchResult result = source.page(cursor, PAGE_SIZE, List.of());
        if (index == 0) {
            total = result.total();
        }
        if (result.cursor() != null) {
            boundaries.put(index + 1, result.cursor());
        }
        cache.put(index, result.events());
        return result.events();
    }

    /** The cursor for page {@code index}, walking forward from the closest known boundary. */
    private String reach(int index) {
        if (boundaries.containsKey(index)) {
            return boundaries.get(index);
        }
        int known = boundaries.keySet().stream().filter(k -> k < index).max(Integer::compare).orElse(0);
        if (known == 0) {
            page(0);
            known = 1;
            if (!boundaries.containsKey(1)) {
                return null;
            }
        }
        String cursor = boundaries.get(known);
        int stride = WALK_SIZE / PAGE_SIZE;
        while (known < index && cursor != null) {
            int step = Math.min(stride, index - known);
            SearchResult walk = source.page(cursor, step * PAGE_SIZE, TIMESTAMP_ONLY);
            cursor = walk.cursor();
            known += step;
            if (cursor != null) {
                boundaries.put(known, cursor);
            }
        }
        return cursor;
    }
}
