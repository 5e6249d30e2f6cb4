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
    void a_short_range_lists_up_to_a_hundred_values_per_bucket() {
        Map<String, Aggregation> aggs = build(Duration.ofHours(1), Duration.ofMinutes(1));

        assertThat(listed(aggs.get("all"), "split_1")).isEqualTo(OverviewAggregations.VALUES_PER_BUCKET);
    }

    @Test
    void a_range_of_many_buckets_lists_fewer_so_the_answer_stays_under_elasticsearchs_bucket_limit() {
        // 200 buckets, three splits and the errors' list: at most 40,000 value buckets in all
        Map<String, Aggregation> aggs = build(Duration.ofDays(200), Duration.ofDays(1));

        int perBucket = listed(aggs.get("all"), "split_0");
        assertThat(perBucket).isEqualTo(OverviewAggregations.MAX_LISTED_BUCKETS / (200 * 4));
        assertThat(listed(aggs.get("errors").aggregations().get("t"), "split_")).isEqualTo(perBucket);
        assertThat(200 * 4 * perBucket).isLessThanOrEqualTo(OverviewAggregations.MAX_LISTED_BUCKETS);
    }

    private static Map<String, Aggregation> build(Duration range, Duration interval) {
        EventSelection selection = new EventSelection(END.minus(range), END, "", ScopeFilter.of(Map.of()));
        return new OverviewAggregations(new OverviewRequest(selection, interval, 8,
                List.of("log.level", "service.name", "audit.source"), ERRORS, null, List.of(), 0)).build();
    }

    private static int listed(Aggregation histogram, String split) {
        return histogram.aggregations().get(split).terms().size();
    }
}
