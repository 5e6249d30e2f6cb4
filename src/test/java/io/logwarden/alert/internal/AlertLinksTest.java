package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertLinksTest {

    private static AlertRule rule(RuleKind kind, String query, String groupBy) {
        return new AlertRule("r1", "Rule", null, true, kind, Severity.HIGH, query, null, groupBy,
                Duration.ofMinutes(5), 5.0, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void event_links_narrow_the_rule_query_to_the_group_and_carry_the_time_range() {
        Instant from = Instant.parse("2026-11-21T10:00:00Z");
        String link = new AlertLinks("http://logwarden.example/").link(rule(RuleKind.COUNT_THRESHOLD,
                "event.action:LOGIN_FAILED", "user.name"), "bob \"the\" admin", Map.of(), from,
                from.plusSeconds(300));
        assertThat(link).isEqualTo("http://logwarden.example/search?q="
                + "%28event.action%3ALOGIN_FAILED%29%20AND%20user.name%3A%22bob%20%5C%22the%5C%22%20admin%22"
                + "&from=2026-11-21T10%3A00%3A00Z&to=2026-11-21T10%3A05%3A00Z");
    }

    @Test
    void anomaly_links_point_at_the_anomaly_and_health_links_at_the_system_view() {
        assertThat(AlertLinks.relative(rule(RuleKind.ANOMALY, "", "entity"), "service:api",
                Map.of("anomaly.id", "0f1e-22"), null, null)).isEqualTo("anomalies?id=0f1e-22");
        assertThat(AlertLinks.relative(rule(RuleKind.ANOMALY, "", "entity"), "service:api", Map.of(), null, null))
                .as("no entity query: events have no entity field").isEqualTo("anomalies");
        assertThat(AlertLinks.relative(rule(RuleKind.HEALTH, "search.latency", null), "search.latency", Map.of(),
                null, null)).isEqualTo("system");
    }
}
