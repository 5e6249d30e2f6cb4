package io.logwarden.alert.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.DeliveryResult.Outcome;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatWebhookChannelTest {

    private RecordingHttpServer server;
    private final HttpSender http = new HttpSender(ChannelTestSupport.DELIVERY);
    private ChannelTestSupport.Driver delivery;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingHttpServer();
        delivery = ChannelTestSupport.driver(new ChatWebhookChannelProvider(ChannelType.SLACK, http),
                new ChatWebhookChannelProvider(ChannelType.TEAMS, http),
                new ChatWebhookChannelProvider(ChannelType.DISCORD, http));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode send(ChannelType type) {
        var result = delivery.deliver(new ChannelConfig(type, Map.of("url", server.url("/" + type))),
                ChannelTestSupport.notification("Saw {{event.message}}"));
        assertThat(result.delivered()).isTrue();
        return Json.MAPPER.readTree(server.requests().getLast().body());
    }

    @Test
    void slack_gets_text_with_mrkdwn_control_characters_escaped() {
        JsonNode json = send(ChannelType.SLACK);
        assertThat(json.get("text").asString())
                .isEqualTo("*[high] Payments failing*\nSaw &lt;b&gt;boom&lt;/b&gt; &amp; co");
    }

    @Test
    void discord_gets_content_and_never_pings_everyone() {
        JsonNode json = send(ChannelType.DISCORD);
        assertThat(json.get("content").asString()).isEqualTo("**[high] Payments failing**\nSaw <b>boom</b> & co");
        assertThat(json.get("allowed_mentions").get("parse")).isEmpty();
    }

    @Test
    void teams_gets_an_adaptive_card_with_a_link_back() {
        JsonNode json = send(ChannelType.TEAMS);
        JsonNode card = json.get("attachments").get(0).get("content");
        assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.get("body").get(0).get("text").asString()).isEqualTo("[high] Payments failing");
        assertThat(card.get("actions").get(0).get("url").asString()).isEqualTo("http://localhost:8080/search?q=x");
    }

    @Test
    void slack_rate_limit_then_recovery_delivers_once() {
        server.thenAnswer(429);
        send(ChannelType.SLACK);
        assertThat(server.requests()).hasSize(2);
        assertThat(delivery.waits).hasSize(1);
    }

    @Test
    void revoked_webhook_is_permanent() {
        server.thenAnswer(404);
        var result = delivery.deliver(new ChannelConfig(ChannelType.DISCORD, Map.of("url", server.url("/gone"))),
                ChannelTestSupport.notification("x"));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
        assertThat(server.requests()).hasSize(1);
    }
}
