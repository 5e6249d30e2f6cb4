package io.logwarden.alert.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.DeliveryResult.Outcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TelegramChannelTest {

    private static final String TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWxyz0123";

    private RecordingHttpServer server;
    private TelegramChannelProvider provider;
    private ChannelTestSupport.Driver delivery;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingHttpServer();
        provider = new TelegramChannelProvider(new HttpSender(ChannelTestSupport.DELIVERY), server.url("/"));
        delivery = ChannelTestSupport.driver(provider);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChannelConfig config() {
        return new ChannelConfig(ChannelType.TELEGRAM, Map.of("botToken", TOKEN, "chatId", "-100123"));
    }

    @Test
    void calls_send_message_of_the_bot_with_plain_text() {
        assertThat(delivery.deliver(config(), ChannelTestSupport.notification("Saw {{event.message}}")).delivered())
                .isTrue();
        RecordingHttpServer.Request request = server.requests().getFirst();
        assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        JsonNode body = Json.MAPPER.readTree(request.body());
        assertThat(body.get("chat_id").asString()).isEqualTo("-100123");
        assertThat(body.get("text").asString()).isEqualTo("[high] Payments failing\nSaw <b>boom</b> & co");
    }

    @Test
    void flood_control_retry_after_from_the_json_answer_is_honoured() {
        server.thenAnswer(new RecordingHttpServer.Answer(429, Map.of(),
                "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":9}}"));
        assertThat(delivery.deliver(config(), ChannelTestSupport.notification("x")).delivered()).isTrue();
        assertThat(server.requests()).hasSize(2);
        assertThat(delivery.waits).containsExactly(Duration.ofSeconds(9));
    }

    @Test
    void wrong_token_is_permanent() {
        server.thenAnswer(new RecordingHttpServer.Answer(401, Map.of(), "{\"ok\":false,\"error_code\":401}"));
        var result = delivery.deliver(config(), ChannelTestSupport.notification("x"));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
        assertThat(result.error()).contains("HTTP 401");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void validates_token_and_chat_id() {
        assertThat(provider.validate(new ChannelConfig(ChannelType.TELEGRAM, Map.of("botToken", "nope",
                "chatId", "general chat"))))
                .containsExactly("botToken does not look like a Telegram bot token (<digits>:<secret>)",
                        "chatId must be a numeric chat id or an @channelname, got 'general chat'");
        assertThat(provider.validate(new ChannelConfig(ChannelType.TELEGRAM, Map.of())))
                .containsExactly("botToken is required (or set logwarden.alert.telegram.bot-token)",
                        "chatId is required");
    }
}
