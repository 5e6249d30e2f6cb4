package io.logwarden.search.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.search.FoundEvent;
import io.logwarden.search.SearchResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventPagerTest {

    /** A cursor-paged source over n events; the cursor is the offset of the next event. */
    private static final class Source implements EventPager.PageSource {
        final int n;
        final List<String> calls = new ArrayList<>();

        Source(int n) {
            this.n = n;
        }

        @Override
        public SearchResult page(String cursor, int size, List<String> fields) {
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            calls.add(from + "+" + size + (fields.isEmpty() ? "" : " " + fields));
            int to = Math.min(n, from + size);
            List<FoundEvent> events = IntStream.range(from, to).mapToObj(i -> new FoundEvent("e" + i, "idx",
                    Instant.ofEpochSecond(n - i), Map.of())).toList();
            return new SearchResult(n, events, to == from + size && to < n ? String.valueOf(to) : null);
        }
    }

    @Test
    void reads_rows_sequentially_across_page_boundaries() {
        Source source = new Source(1000);
        EventPager pager = new EventPager(source, 100_000);
        assertThat(pager.rows()).isEqualTo(1000);
        assertThat(pager.fetch(150, 100)).extracting(FoundEvent::id)
                .containsExactlyElementsOf(IntStream.range(150, 250).mapToObj(i -> "e" + i).toList());
        assertThat(source.calls).containsExactly("0+200", "200+200");
    }

    @Test
    void jumps_far_ahead_with_cheap_timestamp_only_pages() {
        Source source = new Source(50_000);
        EventPager pager = new EventPager(source, 100_000);
        assertThat(pager.fetch(12_345, 10)).extracting(FoundEvent::id)
                .containsExactlyElementsOf(IntStream.range(12_345, 12_355).mapToObj(i -> "e" + i).toList());
        assertThat(source.calls.getFirst()).isEqualTo("0+200");
        assertThat(source.calls.getLast()).isEqualTo("12200+200");
        assertThat(source.calls.subList(1, source.calls.size() - 1)).allMatch(c -> c.endsWith("[@timestamp]"));
        // going back uses the boundaries already known
        source.calls.clear();
        assertThat(pager.fetch(5_000, 5)).extracting(FoundEvent::id).first().isEqualTo("e5000");
        assertThat(source.calls).hasSizeLessThanOrEqualTo(2).noneMatch(c -> c.startsWith("0+") || c.startsWith("200+"));
    }

    @Test
    void caps_the_rows_and_stops_at_the_end() {
        Source source = new Source(450);
        EventPager pager = new EventPager(source, 300);
        assertThat(pager.total()).isEqualTo(450);
        assertThat(pager.rows()).isEqualTo(300);
        assertThat(pager.fetch(250, 100)).hasSize(50);
        assertThat(new EventPager(new Source(0), 10).fetch(0, 50)).isEmpty();
    }
}
