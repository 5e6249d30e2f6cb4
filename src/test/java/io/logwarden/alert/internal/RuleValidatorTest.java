package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import io.logwarden.alert.internal.channel.HttpSender;
import io.logwarden.alert.internal.channel.InAppChannelProvider;
import io.logwarden.alert.internal.channel.WebhookChannelProvider;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.ScopeFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleValidatorTest {

    /** Query syntax is checked by Elasticsearch in the ITs; here every query is fine except one marker. */
    private static final EventCounts COUNTS = new EventCounts() {
        @Override
        public Map<String, Long> countByGroup(String query, ScopeFilter scope, String groupBy, Instant from,
                                              Instant to, int maxGroups) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> validateQuery(String query) {
            return query.contains("BROKEN") ? Optional.of("parse error") : Optional.empty();
        }
    };

    private final RuleValidator validator = new RuleValidator(new ChannelRegistry(List.of(
            new WebhookChannelProvider(new HttpSender(io.logwarden.alert.AlertProperties.defaults().delivery()),
                    Clock.systemUTC()),
            new InAppChannelProvider(n -> { }))), COUNTS);

    private static AlertRule rule(String name, boolean enabled, RuleKind kind, String query, String groupBy,
                                  Duration window, double threshold, NoiseControl noise, String message,
                                  List<ChannelConfig> channels) {
        return new AlertRule(null, name, null, enabled, kind, Severity.HIGH, query, null, groupBy, window, threshold,
                null, noise, null, message, channels, null, null, null, null);
    }

    @Test
    void accepts_a_complete_rule() {
        assertThat(validator.validate(rule("Logins", true, RuleKind.COUNT_THRESHOLD, "event.action:LOGIN_FAILED",
                "user.name", Duration.ofMinutes(5), 5, null, "{{group}}: {{count}}",
                List.of(new ChannelConfig(ChannelType.IN_APP, Map.of("users", "admin")))))).isEmpty();
    }

    @Test
    void lists_every_problem_of_a_bad_rule() {
        List<String> errors = validator.validate(rule("", true, RuleKind.ERROR_RATE, "BROKEN", "user name",
                Duration.ofSeconds(1), 150, new NoiseControl(Duration.ofSeconds(5), 0, null), "{{nope}}",
                List.of(new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", "x")),
                        new ChannelConfig(ChannelType.EMAIL, Map.of("to", "a@b.c")))));
        assertThat(errors).contains(
                "name is required",
                "threshold of a ERROR_RATE rule is a percentage or score and must be at most 100",
                "groupBy must be a field name, got 'user name'",
                "query is not valid: parse error",
                "maxPerHour must be at least 1 (leave it empty for no limit)",
                "renotifyInterval must be at least 1 minute (leave it empty to never re-notify)",
                "channel 1 (WEBHOOK): url must be an http:// or https:// URL, got 'x'",
                "channel 2 (EMAIL): channel type EMAIL is not available on this instance")
                .anySatisfy(e -> assertThat(e).startsWith("window must be between"))
                .anySatisfy(e -> assertThat(e).startsWith("message template: unknown placeholder '{{nope}}'"));
    }

    @Test
    void query_match_needs_a_query_and_enabled_rules_need_a_channel() {
        assertThat(validator.validate(rule("x", true, RuleKind.QUERY_MATCH, "", null, null, 0, null, null,
                List.of()))).containsExactly("query is required for a QUERY_MATCH rule",
                "an enabled rule needs at least one channel");
    }

    @Test
    void shipped_default_rules_are_valid_and_disabled() {
        assertThat(DefaultRules.all(Instant.now())).hasSize(5).allSatisfy(r -> {
            assertThat(r.enabled()).isFalse();
            assertThat(validator.validate(r)).isEmpty();
        });
    }
}
