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

    private long hits() throws IOException {
        var stats = client.indices().stats(s -> s.index(DAY_INDEX).metric("request_cache"));
        return stats.indices().get(DAY_INDEX).total().requestCache().hitCount();
    }
}
