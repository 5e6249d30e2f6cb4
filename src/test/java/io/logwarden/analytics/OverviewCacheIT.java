package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.security.Roles;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The overview is built so Elasticsearch's shard request cache can answer it again (decision 075): a later dashboard
 * whose range still covers a whole past day is answered from the cache for that day's index.
 */
@LogwardenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewCacheIT {

    private static final String DAY_INDEX = IndexNames.eventsIndex(AnalyticsTestData.DAY);

    @Autowired
    ElasticsearchClient client;
    @Autowired
    AnalyticsService analytics;

    @BeforeAll
    void indexKnownData() throws IOException {
        AnalyticsTestData.index(client);
        // rewriting the fixed ids leaves deleted documents: merge now, so that no background merge swaps the reader
        // (and with it the request cache keys) between the two searches a test compares
        client.indices().forcemerge(f -> f.index(DAY_INDEX).maxNumSegments(1L).flush(true));
        client.indices().refresh(r -> r.index(DAY_INDEX));
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_later_overview_covering_the_same_whole_day_is_answered_from_the_shard_request_cache() throws IOException {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                TestUsers.ADMIN, null, List.of(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN))));
        Instant from = AnalyticsTestData.DAY.minus(Duration.ofHours(12));
        client.indices().clearCache(c -> c.index(DAY_INDEX).request(true));
        long before = hits();

        Overview first = analytics.overview(new TimeRange(from, AnalyticsTestData.DAY.plus(Duration.ofHours(25)), ""));
        Overview later = analytics.overview(new TimeRange(from,
                AnalyticsTestData.DAY.plus(Duration.ofHours(25)).plus(Duration.ofMinutes(1)), ""));

        assertThat(hits()).as("request cache hits on " + DAY_INDEX).isGreaterThan(before);
        assertThat(later.volumeByLevel().total()).isEqualTo(first.volumeByLevel().total());
    }

    /**
     * What a dashboard opened a minute later asks: the same start, an end one minute on. The first day of the range
     * is only partly inside it; its cached answer still serves, because only the start bound is kept in its key.
     */
    @Test
    void a_later_overview_ending_a_minute_later_is_answered_from_the_cache_for_the_partly_covered_first_day()
            throws IOException {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                TestUsers.ADMIN, null, List.of(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN))));
        Instant from = AnalyticsTestData.DAY.plus(Duration.ofHours(6));
        Instant to = AnalyticsTestData.DAY.plus(Duration.ofHours(30));
        client.indices().clearCache(c -> c.index(DAY_INDEX).request(true));

        Overview first = analytics.overview(new TimeRange(from, to, ""));
        long before = hits();
        Overview later = analytics.overview(new TimeRange(from, to.plus(Duration.ofMinutes(1)), ""));

        assertThat(hits()).as("request cache hits on " + DAY_INDEX).isGreaterThan(before);
        // the day's last 18 hours: 108 buckets of 10 min, 10 shop events each and 5 billing events in every other one
        assertThat(first.volumeByLevel().total()).isEqualTo(108 * 10 + 54 * 5);
        assertThat(later.volumeByLevel().total()).isEqualTo(first.volumeByLevel().total());
    }

    private long hits() throws IOException {
        var stats = client.indices().stats(s -> s.index(DAY_INDEX).metric("request_cache"));
        return stats.indices().get(DAY_INDEX).total().requestCache().hitCount();
    }
}
