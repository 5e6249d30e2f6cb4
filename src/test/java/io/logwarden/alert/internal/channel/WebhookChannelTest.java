package io.logwarden.alert.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.DeliveryResult.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookChannelTest {

    private static final String SECRET = "0123456789abcdef-secret";

    private RecordingHttpServer server;
    private final WebhookChannelProvider provider = new WebhookChannelProvider(
            new HttpSender(ChannelTestSupport.DELIVERY),
            Clock.fixed(Instant.parse("2026-11-21T10:00:05Z"), ZoneOffset.UTC));
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

    private ChannelConfig config(String secret) {
        return new ChannelConfig(ChannelType.WEBHOOK, secret == null
                ? Map.of("url", server.url("/hook")) : Map.of("url", server.url("/hook"), "secret", secret));
    }

    @Test
    void posts_json_with_a_verifiable_hmac_signature() {
        DeliveryResult result = delivery.deliver(config(SECRET), ChannelTestSupport.notification("{{event.message}}"));

        assertThat(result.delivered()).isTrue();
        RecordingHttpServer.Request request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header(WebhookChannelProvider.DELIVERY_HEADER)).isEqualTo("n-1");
        String timestamp = request.header(WebhookChannelProvider.TIMESTAMP_HEADER);
        assertThat(timestamp).isEqualTo(Long.toString(Instant.parse("2026-11-21T10:00:05Z").getEpochSecond()));
        assertThat(request.header(WebhookChannelProvider.SIGNATURE_HEADER))
                .isEqualTo("sha256=" + WebhookChannelProvider.sign(SECRET, timestamp + "." + request.body()));
        JsonNode json = Json.MAPPER.readTree(request.body());
        assertThat(json.get("ruleName").asString()).isEqualTo("Payments failing");
        assertThat(json.get("severity").asString()).isEqualTo("high");
        assertThat(json.get("status").asString()).isEqualTo("firing");
        assertThat(json.get("message").asString()).isEqualTo("<b>boom</b> & co");
        assertThat(json.get("fields").get("value").asString()).isEqualTo("12");
    }

    @Test
    void without_secret_sends_no_signature() {
        delivery.deliver(config(null), ChannelTestSupport.notification("x"));
        assertThat(server.requests().getFirst().header(WebhookChannelProvider.SIGNATURE_HEADER)).isNull();
    }

    @Test
    void server_error_then_recovery_delivers_exactly_once_with_exponential_backoff() {
        server.thenAnswer(500, 503);

        DeliveryResult result = delivery.deliver(config(null), ChannelTestSupport.notification("x"));

        assertThat(result.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(server.requests()).hasSize(3)
                .extracting(r -> r.header(WebhookChannelProvider.DELIVERY_HEADER)).containsOnly("n-1");
        assertThat(delivery.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void too_many_requests_honours_retry_after() {
        server.thenAnswer(new RecordingHttpServer.Answer(429, Map.of("Retry-After", "7"), ""));

        DeliveryResult result = delivery.deliver(config(null), ChannelTestSupport.notification("x"));

        assertThat(result.delivered()).isTrue();
        assertThat(server.requests()).hasSize(2);
        assertThat(delivery.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a_receivers_retry_after_is_capped_by_max_backoff() {
        server.thenAnswer(new RecordingHttpServer.Answer(503, Map.of("Retry-After", "3600"), ""));
        assertThat(delivery.deliver(config(null), ChannelTestSupport.notification("x")).delivered()).isTrue();
        assertThat(delivery.waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void retry_after_may_be_an_http_date() {
        assertThat(HttpSender.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(HttpSender.parseRetryAfter("12")).isEqualTo(Duration.ofSeconds(12));
        assertThat(HttpSender.parseRetryAfter("soon")).isNull();
    }

    @Test
    void bad_request_is_permanent_and_not_retried() {
        server.thenAnswer(400);

        DeliveryResult result = delivery.deliver(config(null), ChannelTestSupport.notification("x"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
        assertThat(result.error()).contains("HTTP 400");
        assertThat(server.requests()).hasSize(1);
        assertThat(delivery.waits).isEmpty();
    }

    @Test
    void unauthorized_is_permanent_and_not_retried() {
        server.thenAnswer(401);
        assertThat(delivery.deliver(config(null), ChannelTestSupport.notification("x")).outcome())
                .isEqualTo(Outcome.FAILED_PERMANENT);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void every_temporary_failure_waits_longer() {
        server.thenAnswer(500, 500, 500, 500, 500);

        DeliveryResult result = delivery.deliver(config(null), ChannelTestSupport.notification("x"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_TEMPORARY);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(server.requests()).hasSize(4);
        assertThat(delivery.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void connection_refused_is_temporary() {
        String url = server.url("/hook");
        server.close();
        DeliveryResult result = delivery.deliver(new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", url)),
                ChannelTestSupport.notification("x"));
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_TEMPORARY);
        assertThat(result.error()).contains("ConnectException");
    }

    @Test
    void rejects_bad_url_and_short_secret_at_save_time() {
        assertThat(provider.validate(new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", "ftp://x/y"))))
                .containsExactly("url must be an http:// or https:// URL, got 'ftp://x/y'");
        assertThat(provider.validate(new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", "not a url"))))
                .singleElement().asString().contains("not a valid URL");
        assertThat(provider.validate(new ChannelConfig(ChannelType.WEBHOOK, Map.of())))
                .containsExactly("url is required");
        assertThat(provider.validate(new ChannelConfig(ChannelType.WEBHOOK,
                Map.of("url", "https://example.org/h", "secret", "short"))))
                .containsExactly("secret must be at least 16 characters long");
    }
}
