package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * With {@code management.server.port} set, the actuator moves to that port, under the same rules: health public,
 * prometheus for METRICS (and ADMIN) accounts; a METRICS account can do nothing else.
 */
@SecurityOptionsTest
class ManagementPortIT {

    static final String SCRAPER = "prometheus-scraper";
    static final String PASSWORD = "scraper-Secret-123";

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    private HttpTestClient app;
    private HttpTestClient management;

    @BeforeEach
    void scraperAccount(@Autowired DocumentStore store, @Autowired PasswordEncoder encoder) {
        store.save(IndexNames.USERS, SCRAPER, new UserAccount(SCRAPER, encoder.encode(PASSWORD),
                Set.of(Roles.METRICS), AccessScope.EVERYTHING, true, Instant.now()));
        app = new HttpTestClient(URI.create("http://127.0.0.1:" + port));
        management = new HttpTestClient(URI.create("http://127.0.0.1:" + managementPort));
    }

    @Test
    void prometheus_is_served_on_the_management_port_to_metrics_accounts() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        var scrape = management.get("/actuator/prometheus", SCRAPER, PASSWORD);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes").contains("logwarden_audit_pending");
        assertThat(management.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void the_application_port_no_longer_serves_the_actuator() {
        // nothing answers there but the UI's catch-all page: no metrics
        assertThat(app.get("/actuator/prometheus", TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).body())
                .doesNotContain("jvm_memory_used_bytes");
        assertThat(app.get("/actuator/prometheus", SCRAPER, PASSWORD).body()).doesNotContain("jvm_memory_used_bytes");
    }

    @Test
    void a_metrics_account_sees_no_data() {
        assertThat(app.get("/api/v1/me", SCRAPER, PASSWORD).statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/events", SCRAPER, PASSWORD).statusCode()).isEqualTo(403);
    }
}
