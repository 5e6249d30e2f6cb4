package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With an OIDC client registration configured, the UI offers the provider; form login and Basic keep working. */
@LogwardenIntegrationTest
@TestPropertySource(properties = {
        "spring.security.oauth2.client.registration.corp.client-id=logwarden",
        "spring.security.oauth2.client.registration.corp.client-secret=not-a-real-secret",
        "spring.security.oauth2.client.registration.corp.scope=openid,profile",
        "spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.corp.authorization-uri=https://idp.invalid/authorize",
        "spring.security.oauth2.client.provider.corp.token-uri=https://idp.invalid/token",
        "spring.security.oauth2.client.provider.corp.jwk-set-uri=https://idp.invalid/jwks",
        "spring.security.oauth2.client.provider.corp.user-info-uri=https://idp.invalid/userinfo",
        "spring.security.oauth2.client.provider.corp.user-name-attribute=sub"})
class OidcLoginIT {

    @LocalServerPort
    int port;

    @Test
    void redirects_to_the_identity_provider_with_state_and_nonce() {
        HttpTestClient http = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        HttpResponse<String> response = http.get("/oauth2/authorization/corp");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith("https://idp.invalid/authorize?").contains("client_id=logwarden").contains("state=")
                .contains("nonce=").contains("scope=openid"));
    }

    @Test
    void password_logins_still_work_and_the_ui_still_needs_a_login() {
        HttpTestClient http = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        assertThat(http.get("/api/v1/me", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/me").statusCode()).isEqualTo(401);
        HttpResponse<String> ui = http.get("/admin");
        assertThat(ui.statusCode()).isEqualTo(302);
        assertThat(ui.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
