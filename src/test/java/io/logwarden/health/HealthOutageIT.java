package io.logwarden.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.testsupport.ElasticsearchOutageTest;
import io.logwarden.testsupport.ElasticsearchProxy;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/health} over HTTP against a real Elasticsearch that a proxy can take away: DEGRADED (every probe
 * counts as slow in this context) answers 200, DOWN answers 503, and anonymous answers are reused for the configured
 * 3 s while an admin's are evaluated each time.
 */
@ElasticsearchOutageTest
class HealthOutageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    HealthService health;

    private final ElasticsearchProxy elasticsearch = ElasticsearchProxy.instance();

    @AfterEach
    void giveElasticsearchBack() {
        elasticsearch.restore();
    }

    @Test
    void degraded_answers_200_and_down_answers_503_and_anonymous_answers_are_reused_for_their_ttl() {
        HttpTestClient http = new HttpTestClient(URI.create("http://localhost:" + port));
        HttpResponse<String> admin = http.get("/actuator/health", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(admin.statusCode()).isEqualTo(200);
        JsonNode details = JSON.readTree(admin.body());
        assertThat(details.path("status").asString()).isEqualTo("DEGRADED");
        assertThat(details.path("components").path("elasticsearch").path("status").asString()).isEqualTo("DEGRADED");
        assertThat(details.path("components").path("errorRate").path("status").asString()).isEqualTo("UP");
        HttpResponse<String> anonymous = http.get("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(status(anonymous)).isEqualTo("DEGRADED");

        elasticsearch.cut();

        assertThat(health.elasticsearch().level()).isEqualTo(HealthLevel.UNHEALTHY);
        // within the 3 s the anonymous answer is the one evaluated before the cut
        HttpResponse<String> reused = http.get("/actuator/health");
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(status(reused)).isEqualTo("DEGRADED");
        HttpResponse<String> down = awaitHealth(http, r -> r.statusCode() == 503);
        assertThat(status(down)).isEqualTo("DOWN");

        elasticsearch.restore();

        assertThat(status(awaitHealth(http, r -> r.statusCode() == 200))).isEqualTo("DEGRADED");
    }

    /** The overall status of an anonymous answer, which must carry no component or detail. */
    private static String status(HttpResponse<String> anonymous) {
        JsonNode body = JSON.readTree(anonymous.body());
        assertThat(body.has("components")).as("anonymous answer without components").isFalse();
        assertThat(anonymous.body()).doesNotContain("queryTimeMs", "errorRate");
        return body.path("status").asString();
    }

    private static HttpResponse<String> awaitHealth(HttpTestClient http, Predicate<HttpResponse<String>> wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> last = http.get("/actuator/health");
        while (!wanted.test(last) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = http.get("/actuator/health");
        }
        assertThat(wanted).as("health answer %s %s", last.statusCode(), last.body()).accepts(last);
        return last;
    }
}
