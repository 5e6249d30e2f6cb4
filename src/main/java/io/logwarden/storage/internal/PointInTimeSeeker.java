package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.logwarden.storage.EventPage;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.PageRequest;
import io.logwarden.storage.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Random access by row into a newest-first point-in-time search, for a grid scrolled far: instead of reading every
 * row before the wanted one, it asks the point in time for a date histogram of about {@value #BUCKETS} buckets over
 * the range, walks the counts from the newest bucket to the one holding the row, narrows the range to that bucket and
 * repeats until the row is at most {@value #FROM_LIMIT} rows below the slice's upper end; then one search with
 * {@code from} over everything below that end reads the page (which may run on into older slices). Counts come from the same point in time as the rows, so the row numbers are exact. Each narrowing divides
 * the range by about {@value #BUCKETS}: a week down to a millisecond takes at most five histograms, typically two.
 * Rows that share one millisecond beyond Elasticsearch's 10,000 window are skipped with sort-only pages.
 */
final class PointInTimeSeeker {

    static final int BUCKETS = 100;
    static final int FROM_LIMIT = 2_000;
    private static final int MAX_WINDOW = 10_000;

    private final ElasticsearchClient client;

    PointInTimeSeeker(ElasticsearchClient client) {
        this.client = client;
    }

    EventPage pageAt(EventQuery query, PageRequest request, long offset) {
        String keep = request.keepAlive().toSeconds() + "s";
        List<Query> boundary = SearchRequests.boundary(request);
        int size = request.size();
        List<String> fields = request.fields();
        Instant lo = query.from();
        Instant hi = query.to();
        long skip = offset;
        String pit = request.pitId();
        while (skip + size > FROM_LIMIT) {
            long span = Duration.between(lo, hi).toMillis();
            if (span <= 1) {
                return withinOneMillisecond(query.withRange(query.from(), hi), boundary, pit, keep, skip, size,
                        fields);
            }
            long interval = Math.max(1, (span + BUCKETS - 1) / BUCKETS);
            EventQuery slice = query.withRange(lo, hi);
            String current = pit;
            SearchResponse<Void> histogram = SearchRequests.checkContexts(SearchRequests.call(() -> client.search(s -> s
                    .pit(p -> p.id(current).keepAlive(t -> t.time(keep)))
                    .size(0)
                    .trackTotalHits(t -> t.enabled(false))
                    .query(SearchRequests.toQuery(slice, boundary))
                    .aggregations("rows", a -> a.dateHistogram(h -> h.field(SearchRequests.TIMESTAMP)
                            .fixedInterval(f -> f.time(interval + "ms")).minDocCount(1))), Void.class)));
            pit = histogram.pitId() != null ? histogram.pitId() : pit;
            List<DateHistogramBucket> buckets = histogram.aggregations().get("rows").dateHistogram().buckets().array();
            long newer = 0;
            DateHistogramBucket holding = null;
            for (DateHistogramBucket bucket : buckets.reversed()) {
                if (skip < newer + bucket.docCount()) {
                    holding = bucket;
                    break;
                }
                newer += bucket.docCount();
            }
            if (holding == null) {
                return new EventPage(-1, List.of(), pit);
            }
            skip -= newer;
            Instant start = Instant.ofEpochMilli(holding.key());
            Instant end = start.plusMillis(interval);
            lo = start.isAfter(lo) ? start : lo;
            hi = end.isBefore(hi) ? end : hi;
        }
        // from the row on, the page may run into older slices: only the upper end stays narrowed
        return read(query.withRange(query.from(), hi), boundary, pit, keep, (int) skip, size, fields, List.of());
    }

    /**
     * The row lies in the newest millisecond of {@code slice} (everything before {@code hi}): {@code from} within
     * Elasticsearch's window, else sort-only pages to the row.
     */
    private EventPage withinOneMillisecond(EventQuery slice, List<Query> boundary, String pitId, String keep,
                                           long offset, int size, List<String> fields) {
        if (offset + size <= MAX_WINDOW) {
            return read(slice, boundary, pitId, keep, (int) offset, size, fields, List.of());
        }
        long skip = offset;
        List<Long> after = List.of();
        String pit = pitId;
        while (skip > 0) {
            int step = (int) Math.min(MAX_WINDOW, skip);
            EventPage walked = read(slice, boundary, pit, keep, 0, step, null, after);
            pit = walked.pitId();
            if (walked.events().size() < step) {
                return new EventPage(-1, List.of(), pit);
            }
            after = walked.events().getLast().sort();
            skip -= step;
        }
        return read(slice, boundary, pit, keep, 0, size, fields, after);
    }

    /** {@code fields}: null for no source, empty for whole events. */
    private EventPage read(EventQuery slice, List<Query> boundary, String pitId, String keep, int from, int size,
                           List<String> fields, List<Long> after) {
        SearchRequest.Builder search = new SearchRequest.Builder()
                .pit(p -> p.id(pitId).keepAlive(t -> t.time(keep)))
                .query(SearchRequests.toQuery(slice, boundary))
                .from(from)
                .size(size)
                .sort(SearchRequests.sort(SearchRequests.TIMESTAMP, SortOrder.Desc))
                .sort(SearchRequests.sort("_shard_doc", SortOrder.Desc))
                .trackTotalHits(t -> t.enabled(false));
        if (!after.isEmpty()) {
            search.searchAfter(after.stream().map(FieldValue::of).toList());
        }
        if (fields == null) {
            search.source(s -> s.fetch(false));
        } else if (!fields.isEmpty()) {
            search.source(s -> s.filter(f -> f.includes(fields)));
        }
        SearchResponse<Map> response = SearchRequests.checkContexts(SearchRequests.call(
                () -> client.search(search.build(), Map.class)));
        List<StoredEvent> events = SearchRequests.hits(response);
        return new EventPage(-1, events, response.pitId() != null ? response.pitId() : pitId);
    }
}
