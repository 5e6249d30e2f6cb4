package io.logwarden.alert.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SmsGatewayChannelTest {

    private RecordingHttpServer server;
    private final SmsGatewayChannelProvider provider =
            new SmsGatewayChannelProvider(new HttpSender(ChannelTestSupport.DELIVERY));
    private ChannelTestSupport.Driver delivery;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingHttpServer();
        delivery = ChannelTestSupport.driver(provider);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void twilio_style_form_body_is_url_encoded_with_auth_header() {
        ChannelConfig config = new ChannelConfig(ChannelType.SMS_GATEWAY, Map.of(
                "url", server.url("/2010-04-01/Accounts/AC1/Messages.json"),
                "to", "+15551234567",
                "header.Authorization", "Basic QUMxOnNlY3JldA==",
                "bodyTemplate", "To={{to}}&From=%2B15550001&Body={{message}}"));
        assertThat(provider.validate(config)).isEmpty();

        assertThat(delivery.deliver(config, ChannelTestSupport.notification("{{rule.name}}: {{event.message}}"))
                .delivered()).isTrue();

        RecordingHttpServer.Request request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("authorization")).isEqualTo("Basic QUMxOnNlY3JldA==");
        assertThat(request.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.body()).isEqualTo(
                "To=%2B15551234567&From=%2B15550001&Body=Payments+failing%3A+%3Cb%3Eboom%3C%2Fb%3E+%26+co");
    }

    @Test
    void json_gateway_gets_values_escaped_inside_strings() {
        ChannelConfig config = new ChannelConfig(ChannelType.SMS_GATEWAY, Map.of(
                "url", server.url("/whatsapp"), "contentType", "application/json", "method", "put",
                "bodyTemplate", "{\"to\":\"{{to}}\",\"text\":\"{{title}}\\n{{message}}\"}", "to", "49151"));
        assertThat(provider.validate(config)).isEmpty();

        delivery.deliver(config, ChannelTestSupport.notification("say \"{{event.message}}\""));

        RecordingHttpServer.Request request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("PUT");
        JsonNode json = Json.MAPPER.readTree(request.body());
        assertThat(json.get("text").asString()).isEqualTo("[high] Payments failing\nsay \"<b>boom</b> & co\"");
    }

    @Test
    void get_gateway_puts_url_encoded_values_into_the_query() {
        ChannelConfig config = new ChannelConfig(ChannelType.SMS_GATEWAY, Map.of("method", "GET",
                "url", server.url("/send?to={{to}}&text={{title}}"), "to", "+1 555"));
        assertThat(provider.validate(config)).isEmpty();
        delivery.deliver(config, ChannelTestSupport.notification("x"));
        assertThat(server.requests().getFirst().query()).isEqualTo("to=%2B1+555&text=%5Bhigh%5D+Payments+failing");
    }

    @Test
    void server_error_then_recovery_delivers_once() {
        server.thenAnswer(502);
        ChannelConfig config = new ChannelConfig(ChannelType.SMS_GATEWAY,
                Map.of("url", server.url("/sms"), "bodyTemplate", "Body={{message}}"));
        assertThat(delivery.deliver(config, ChannelTestSupport.notification("x")).attempts()).isEqualTo(2);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void rejects_bad_template_method_header_and_missing_body_at_save_time() {
        assertThat(provider.validate(new ChannelConfig(ChannelType.SMS_GATEWAY, Map.of(
                "url", "https://sms.example.org/send", "method", "DELETE",
                "bodyTemplate", "Body={{mesage}}&x={{to", "header.Content Type", "x"))))
                .anySatisfy(e -> assertThat(e).isEqualTo("method must be one of GET, POST, PUT, got 'DELETE'"))
                .anySatisfy(e -> assertThat(e).startsWith("bodyTemplate: unknown placeholder '{{mesage}}'"))
                .anySatisfy(e -> assertThat(e).startsWith("bodyTemplate: unbalanced '{{' at position"))
                .anySatisfy(e -> assertThat(e).isEqualTo("'header.Content Type' is not a valid header name"));
        assertThat(provider.validate(new ChannelConfig(ChannelType.SMS_GATEWAY,
                Map.of("url", "https://sms.example.org/send"))))
                .containsExactly("bodyTemplate is required for method POST");
        assertThat(provider.validate(new ChannelConfig(ChannelType.SMS_GATEWAY,
                Map.of("url", "sms.example.org", "bodyTemplate", "x", "tooo", "y"))))
                .contains("unknown setting 'tooo' (headers go in 'header.<Name>')")
                .anySatisfy(e -> assertThat(e).startsWith("url must be an http:// or https:// URL"));
    }
}
