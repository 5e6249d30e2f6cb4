package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import io.logwarden.storage.EventSelection;
import io.logwarden.storage.OverviewRequest;
import io.logwarden.storage.ScopeFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewAggregationsTest {

    private static final Instant END = Instant.parse("2026-12-07T00:00:00Z");
    private static final OverviewRequest.ErrorRequest ERRORS = new OverviewRequest.ErrorRequest("service.name",
            "log.level", List.of("error", "critical"));

    @Test
    void one_split_lists_up_to_a_hundred_values_per_bucket() {
        EventSelection hour = new EventSelection(END.minus(Duration.ofHours(1)), END, "", ScopeFilter.of(Map.of()));
        Map<String, Aggregation> aggs = new OverviewAggregations(new OverviewRequest(hour, Duration.ofMinutes(1), 8,
                List.of("host.name"), null, null, List.of(), 0)).build();

        assertThat(listed(aggs.get("all"), "split_0")).isEqualTo(OverviewAggregations.VALUES_PER_BUCKET);
    }

    @Test
    void the_lists_stay_under_elasticsearchs_bucket_limit_for_the_most_buckets_a_chart_gets() {
        // 200 buckets, three splits and the errors' list: at most 40,000 value buckets in all
        Map<String, Aggregation> aggs = build(END.minus(Duration.ofDays(200)), END, Duration.ofDays(1));

        int perBucket = listed(aggs.get("all"), "split_0");
        assertThat(perBucket).isEqualTo(OverviewAggregations.MAX_LISTED_BUCKETS / (200 * 4));
        assertThat(listed(aggs.get("errors").aggregations().get("t"), "split_")).isEqualTo(perBucket);
    }

    @Test
    void the_list_length_does_not_change_when_the_range_end_moves_by_a_minute() {
        // 144 and 145 ten-minute buckets: the same request, so the same shard request cache key
        Instant from = END.minus(Duration.ofHours(24));
        Map<String, Aggregation> first = build(from, END, Duration.ofMinutes(10));
        Map<String, Aggregation> later = build(from, END.plus(Duration.ofMinutes(1)), Duration.ofMinutes(10));

        assertThat(listed(later.get("all"), "split_1")).isEqualTo(listed(first.get("all"), "split_1"));
        assertThat(later.get("all").toString()).isEqualTo(first.get("all").toString());
    }

    private static Map<String, Aggregation> build(Instant from, Instant to, Duration interval) {
        EventSelection selection = new EventSelection(from, to, "", ScopeFilter.of(Map.of()));
        return new OverviewAggregations(new OverviewRequest(selection, interval, 8,
                List.of("log.level", "service.name", "audit.source"), ERRORS, null, List.of(), 0)).build();
    }

    private static int listed(Aggregation histogram, String split) {
        return histogram.aggregations().get(split).terms().size();
    }
}
