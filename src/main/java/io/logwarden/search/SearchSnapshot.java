package io.logwarden.search;

import java.util.List;

/**
 * A search the Search view's grid scrolls through: its matches newest first, readable at any row, with the histogram
 * and the fields of the first page. It reads through a point in time opened on the first scroll past the first page
 * (so every row comes from one consistent view of the data); when that point in time has expired, the next read
 * re-runs the search on a new one and tells {@link #onRestart} listeners (the row count may have changed). The
 * caller's identity, scope and masking are those of the user who opened it. Close it to release the point in time.
 */
public interface SearchSnapshot extends AutoCloseable {

    /** The query text it runs. */
    String query();

    /** The resolved time range. */
    TimeRange range();

    /** All matching events (exact). */
    long total();

    /** Matches over time, computed alongside the first page. */
    Histogram histogram();

    /** The fields of the first page's events (personal data fields only for roles that may read them). */
    List<SampledField> fields();

    /** Rows {@code offset} .. {@code offset + limit - 1} of the newest-first order (fewer at the end). */
    List<FoundEvent> rows(long offset, int limit);

    /** Called (on the reading thread) after an expired point in time made the snapshot re-run its search. */
    void onRestart(Runnable listener);

    @Override
    void close();
}
