package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.RuleKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSettingsTest {

    private static AlertRule rule(List<ChannelConfig> channels) {
        return new AlertRule("r", "r", null, false, RuleKind.QUERY_MATCH, null, "x", null, null, null, null, null,
                null, null, null, channels, "admin", null, null, null);
    }

    @Test
    void masks_credentials_but_not_urls() {
        AlertRule masked = SecretSettings.mask(rule(List.of(
                new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", "https://h/x", "secret", "0123456789abcdef")),
                new ChannelConfig(ChannelType.TELEGRAM, Map.of("botToken", "1:abc", "chatId", "1")),
                new ChannelConfig(ChannelType.SMS_GATEWAY, Map.of("header.Authorization", "Basic x", "to", "+1")))));
        assertThat(masked.channels().get(0).settings()).containsEntry("url", "https://h/x")
                .containsEntry("secret", SecretSettings.MASK);
        assertThat(masked.channels().get(1).settings()).containsEntry("botToken", SecretSettings.MASK)
                .containsEntry("chatId", "1");
        assertThat(masked.channels().get(2).settings()).containsEntry("header.Authorization", SecretSettings.MASK)
                .containsEntry("to", "+1");
    }

    @Test
    void chat_webhook_urls_are_secrets_and_references_are_shown_as_they_are() {
        AlertRule masked = SecretSettings.mask(rule(List.of(
                new ChannelConfig(ChannelType.SLACK, Map.of("url", "https://hooks.slack.com/services/T0/B0/xyz")),
                new ChannelConfig(ChannelType.DISCORD, Map.of("url", "https://discord.com/api/webhooks/1/abc")),
                new ChannelConfig(ChannelType.TELEGRAM, Map.of("botToken", "${env:TG_TOKEN}", "chatId", "1")))));
        assertThat(masked.channels().get(0).settings()).containsEntry("url", SecretSettings.MASK);
        assertThat(masked.channels().get(1).settings()).containsEntry("url", SecretSettings.MASK);
        assertThat(masked.channels().get(2).settings()).containsEntry("botToken", "${env:TG_TOKEN}");
    }

    @Test
    void an_update_sending_the_mask_back_keeps_the_stored_secret_and_a_new_value_replaces_it() {
        AlertRule stored = rule(List.of(new ChannelConfig(ChannelType.WEBHOOK,
                Map.of("url", "https://h/x", "secret", "old-secret-0123456789"))));
        AlertRule kept = SecretSettings.unmask(SecretSettings.mask(stored), stored);
        assertThat(kept.channels().getFirst().settings()).containsEntry("secret", "old-secret-0123456789");

        AlertRule changed = SecretSettings.unmask(rule(List.of(new ChannelConfig(ChannelType.WEBHOOK,
                Map.of("url", "https://h/x", "secret", "new-secret-0123456789")))), stored);
        assertThat(changed.channels().getFirst().settings()).containsEntry("secret", "new-secret-0123456789");
    }
}
