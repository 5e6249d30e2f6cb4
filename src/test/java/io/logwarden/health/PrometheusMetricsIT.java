package io.logwarden.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.analytics.AnalyticsService;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TopField;
import io.logwarden.security.Roles;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The analytics and health meters reach {@code /actuator/prometheus} from real use, with their tags. */
@LogwardenIntegrationTest
class PrometheusMetricsIT {

    @LocalServerPort
    int port;
    @Autowired
    AnalyticsService analytics;

    @Test
    void dashboard_queries_and_health_levels_are_scraped_with_their_tags() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                TestUsers.ADMIN, null, List.of(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN))));
        try {
            TimeRange day = TimeRange.rounded(Duration.ofHours(24), Instant.now(), "");
            analytics.overview(day);
            analytics.overview(day);
            analytics.top(day, TopField.ACTIONS, 5);
            analytics.summary24h(Instant.now(), "");
        } finally {
            SecurityContextHolder.clearContext();
        }

        var response = new HttpTestClient(URI.create("http://localhost:" + port))
                .get("/actuator/prometheus", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(count(body, "logwarden_dashboard_query_seconds_count", "chart=\"overview\"")).isGreaterThanOrEqualTo(2);
        assertThat(count(body, "logwarden_dashboard_query_seconds_count", "chart=\"top_actions\"")).isGreaterThanOrEqualTo(1);
        assertThat(count(body, "logwarden_dashboard_query_seconds_count", "chart=\"summary\"")).isGreaterThanOrEqualTo(1);
        assertThat(body).contains("logwarden_dashboard_query_seconds_bucket{");
        for (String component : List.of("elasticsearch", "ingest", "errorRate", "activity")) {
            double level = count(body, "logwarden_health_status", "component=\"" + component + "\"");
            assertThat(level).as(component).isIn(0.0, 1.0, 2.0);
        }
    }

    /** The value of the sample of {@code metric} whose labels contain {@code label}. */
    private static double count(String body, String metric, String label) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(body);
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("No sample " + metric + "{..." + label + "...} in:\n" + body.lines()
                .filter(l -> l.startsWith(metric)).toList());
    }
}
