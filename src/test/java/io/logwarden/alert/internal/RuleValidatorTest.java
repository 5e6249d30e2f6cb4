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
import io.logwarden.alert.internal.channel.SecretReferences;
import io.logwarden.alert.internal.channel.WebhookChannelProvider;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.ScopeFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        public Map<String, FirstAndLast> firstAndLast(String query, ScopeFilter scope, String groupBy,
                                                      java.util.Collection<String> groups, Instant from, Instant to,
                                                      List<String> fields) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> validateQuery(String query) {
            return query.contains("BROKEN") ? Optional.of("parse error") : Optional.empty();
        }
    };

    /** Users of the recipient checks: admin sees everything, "narrow" only the web service. */
    private static Optional<CurrentUser> user(String name) {
        return switch (name) {
            case "admin" -> Optional.of(new CurrentUser("admin", Set.of("ADMIN"), AccessScope.EVERYTHING, true));
            case "narrow" -> Optional.of(new CurrentUser("narrow", Set.of("OPERATIONS"),
                    new AccessScope(Set.of(), Set.of("web"), Set.of()), false));
            default -> Optional.empty();
        };
    }

    private final RuleValidator validator = new RuleValidator(new ChannelRegistry(List.of(
            new WebhookChannelProvider(new HttpSender(io.logwarden.alert.AlertProperties.defaults().delivery()),
                    Clock.systemUTC()),
            new InAppChannelProvider(n -> { })), new SecretReferences(name -> name.equals("HOOK_TOKEN") ? "t0k" : null)),
            COUNTS, () -> Set.of("elasticsearch", "ingest", "search.latency"),
            new RecipientRouter(RuleValidatorTest::user, null));

    private static AlertRule rule(String name, boolean enabled, RuleKind kind, String query, String groupBy,
                                  Duration window, double threshold, NoiseControl noise, String message,
                                  List<ChannelConfig> channels) {
        return new AlertRule(null, name, null, enabled, kind, Severity.HIGH, query, null, groupBy, window, threshold,
                null, noise, null, message, channels, "admin", ScopeFilter.UNRESTRICTED, null, null);
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
                "groupBy 'user name' is not a field of the events (e.g. service.name, host.name, user.name,"
                        + " labels.<key>)",
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
    void group_by_must_be_an_aggregatable_field_and_health_components_must_exist() {
        assertThat(validator.validate(rule("g", false, RuleKind.COUNT_THRESHOLD, "x", "message",
                Duration.ofMinutes(5), 1, null, null, List.of())))
                .containsExactly("groupBy 'message' is a text field and cannot be grouped by: use a keyword field"
                        + " such as service.name");
        assertThat(validator.validate(rule("g", false, RuleKind.COUNT_THRESHOLD, "x", "labels.customer",
                Duration.ofMinutes(5), 1, null, null, List.of()))).isEmpty();
        assertThat(validator.validate(rule("h", false, RuleKind.HEALTH, "query", null, Duration.ofMinutes(5), 0,
                null, null, List.of()))).singleElement().asString()
                .startsWith("'query' is not a health component; known: elasticsearch, ingest, search.latency");
        assertThat(validator.validate(rule("a", false, RuleKind.ANOMALY, "", "service.name", Duration.ofMinutes(5),
                80, null, null, List.of()))).singleElement().asString()
                .startsWith("an ANOMALY rule groups by 'entity'");
    }

    @Test
    void in_app_recipients_must_exist_and_see_all_of_the_rules_data_when_enabled() {
        List<ChannelConfig> channels = List.of(new ChannelConfig(ChannelType.IN_APP,
                Map.of("users", "admin, narrow, ghost")));
        List<String> errors = validator.validate(rule("r", true, RuleKind.QUERY_MATCH, "x", null,
                Duration.ofMinutes(5), 0, null, null, channels));
        assertThat(errors).containsExactly(
                "channel 1 (IN_APP): user narrow may not see all of the rule's data (their scope is narrower than"
                        + " the rule owner's)",
                "channel 1 (IN_APP): user ghost does not exist or is disabled");
        assertThat(validator.validate(rule("r", false, RuleKind.QUERY_MATCH, "x", null, Duration.ofMinutes(5), 0,
                null, null, channels))).as("a disabled rule is not blocked").isEmpty();
    }

    @Test
    void secret_references_are_checked_and_unresolved_ones_block_only_enabled_rules() {
        List<ChannelConfig> resolvable = List.of(new ChannelConfig(ChannelType.WEBHOOK,
                Map.of("url", "https://hooks.example.org/${env:HOOK_TOKEN}")));
        assertThat(validator.validate(rule("r", true, RuleKind.QUERY_MATCH, "x", null, Duration.ofMinutes(5), 0,
                null, null, resolvable))).isEmpty();
        List<ChannelConfig> missing = List.of(new ChannelConfig(ChannelType.WEBHOOK,
                Map.of("url", "https://hooks.example.org/x", "secret", "${env:NOT_SET_ANYWHERE}")));
        assertThat(validator.validate(rule("r", true, RuleKind.QUERY_MATCH, "x", null, Duration.ofMinutes(5), 0,
                null, null, missing))).containsExactly("channel 1 (WEBHOOK): secret: environment variable"
                + " NOT_SET_ANYWHERE is not set for the Logwarden process");
        assertThat(validator.validate(rule("r", false, RuleKind.QUERY_MATCH, "x", null, Duration.ofMinutes(5), 0,
                null, null, missing))).isEmpty();
        assertThat(validator.validate(rule("r", false, RuleKind.QUERY_MATCH, "x", null, Duration.ofMinutes(5), 0,
                null, null, List.of(new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", "https://h/x",
                        "secret", "${file:relative.txt}"))))))
                .containsExactly("channel 1 (WEBHOOK): secret: '${file:relative.txt}' needs an absolute file path");
    }

    @Test
    void shipped_default_rules_are_valid_and_disabled() {
        assertThat(DefaultRules.all(Instant.now())).hasSize(5).allSatisfy(r -> {
            assertThat(r.enabled()).isFalse();
            assertThat(validator.validate(r)).isEmpty();
        });
    }
}
