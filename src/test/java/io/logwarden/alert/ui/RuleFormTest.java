package io.logwarden.alert.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.QuietHours;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's text conversions: durations, channel lines, safe links, and the form bean round trip. */
class RuleFormTest {

    @Test
    void parses_short_and_iso_durations_and_rejects_others_with_a_readable_message() {
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse(" 48h ")).isEqualTo(Duration.ofHours(48));
        assertThat(Durations.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("")).isNull();
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThatThrownBy(() -> Durations.parse("five minutes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'five minutes' is not a duration");
    }

    @Test
    void channel_lines_round_trip_with_comma_lists_min_severity_and_masked_secrets() {
        List<ChannelConfig> channels = List.of(
                new ChannelConfig(ChannelType.EMAIL, Map.of("to", "a@example.com, b@example.com")),
                new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", "https://hook.example/x", "secret", "******"),
                        Severity.HIGH));
        String text = ChannelLines.format(channels);
        assertThat(text).isEqualTo("EMAIL; to=a@example.com, b@example.com\n"
                + "WEBHOOK; minSeverity=HIGH; secret=******; url=https://hook.example/x");
        assertThat(ChannelLines.parse(text)).isEqualTo(channels);
    }

    @Test
    void bad_channel_lines_name_the_line_and_the_problem() {
        assertThatThrownBy(() -> ChannelLines.parse("EMAIL; to=a@b\nPIGEON; url=x"))
                .hasMessageContaining("channel line 2: unknown channel type 'PIGEON'");
        assertThatThrownBy(() -> ChannelLines.parse("SLACK; https://x"))
                .hasMessageContaining("channel line 1: 'https://x' is not key=value");
    }

    @Test
    void only_http_and_relative_links_become_anchors() {
        assertThat(Links.safe("https://logwarden.example/search?q=a:b")).isTrue();
        assertThat(Links.safe("search?q=log.level%3Acritical&from=2026-01-01T00:00:00Z")).isTrue();
        assertThat(Links.safe("search?q=user.name:\"x\"")).isTrue();
        assertThat(Links.safe("javascript:alert(1)")).isFalse();
        assertThat(Links.safe(" JavaScript:alert(1)")).isFalse();
        assertThat(Links.safe("data:text/html,<script>")).isFalse();
        assertThat(Links.safe("//evil.example/x")).isFalse();
        assertThat(Links.safe(null)).isFalse();
    }

    @Test
    void form_round_trips_a_rule_with_noise_control_templates_and_channels() {
        AlertRule rule = new AlertRule("r1", "Errors", "desc", true, RuleKind.ERROR_RATE, Severity.CRITICAL,
                "service.name:pay", "log.level:error", "service.name", Duration.ofHours(1), 10.0,
                Duration.ofMinutes(2), new NoiseControl(Duration.ofMinutes(30), 4,
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Berlin"), Severity.HIGH)),
                "[{{severity}}] {{rule.name}}", "{{value}}% errors", List.of(
                new ChannelConfig(ChannelType.IN_APP, Map.of("users", "admin"))), "owner", null, null, null);
        AlertRule back = RuleForm.of(rule).toRule();
        assertThat(back).isEqualTo(rule.withIdentity("r1", null, null, null, null));
    }

    @Test
    void form_keeps_the_revision_and_the_anomaly_severity() {
        AlertRule rule = new AlertRule("r2", "Anomalies", null, false, RuleKind.ANOMALY, Severity.HIGH, "", null,
                "entity", Duration.ofMinutes(15), 0.0, Duration.ofMinutes(1), null, null, null, List.of(), "owner",
                null, null, null, Severity.MEDIUM, 7L);
        AlertRule back = RuleForm.of(rule).toRule();
        assertThat(back.revision()).isEqualTo(7L);
        assertThat(back.anomalySeverity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void quiet_hours_need_both_ends() {
        RuleForm form = RuleForm.of(null);
        form.setQuietStart(LocalTime.of(22, 0));
        assertThatThrownBy(form::toRule).hasMessage("quiet hours need both a start and an end");
    }
}
