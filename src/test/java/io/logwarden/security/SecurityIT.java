package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@LogwardenIntegrationTest
class SecurityIT {

    @LocalServerPort
    int port;
    HttpTestClient http;

    @BeforeEach
    void client() {
        http = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/events", "/api/v1/users", "/api/v1/users/admin", "/api/v1/me", "/api/v1/audit",
            "/api/v1/audit/verify", "/api/v1/anything", "/actuator/prometheus", "/actuator/health/elasticsearch",
            "/actuator/env", "/actuator/beans"})
    void refuses_unauthenticated_api_and_actuator_requests(String path) {
        assertThat(http.get(path).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/dashboards", "/search", "/admin", "/audit", "/exports"})
    void sends_unauthenticated_ui_requests_to_the_login_page(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void refuses_unauthenticated_writes() {
        assertThat(http.post("/api/v1/users", "application/json",
                "{\"username\":\"x\",\"password\":\"xxxxxxxxxxxxxx\",\"roles\":[\"ADMIN\"]}").statusCode())
                .isEqualTo(401);
        assertThat(http.put("/api/v1/users/admin", "application/json", "{\"enabled\":false}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void serves_the_login_page_without_authentication() {
        HttpResponse<String> response = http.get("/login");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<html");
    }

    @Test
    void health_is_public_but_shows_no_details() {
        HttpResponse<String> response = http.get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        // DEGRADED (still 200) when a threshold is crossed, e.g. a slow probe query on a loaded machine
        assertThat(response.body()).containsAnyOf("\"status\":\"UP\"", "\"status\":\"DEGRADED\"")
                .doesNotContain("elasticsearch").doesNotContain("components");
    }

    @Test
    void health_shows_elasticsearch_status_to_an_admin() {
        HttpResponse<String> response = http.get("/actuator/health", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"elasticsearch\"").containsPattern("\"status\":\"(green|yellow)\"");
    }

    @Test
    void prometheus_exposes_jvm_and_http_metrics_to_an_admin() {
        http.get("/login");
        HttpResponse<String> response = http.get("/actuator/prometheus", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
    }

    @Test
    void rejects_a_wrong_password() {
        assertThat(http.get("/actuator/prometheus", TestUsers.ADMIN, "wrong").statusCode()).isEqualTo(401);
    }
}
