package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Fields configured as personal data ({@code logwarden.security.pii-fields}) are masked in export files for users
 * without PII access, as in the UI: exports use the one PII policy of the security feature.
 */
@LogwardenIntegrationTest
@TestPropertySource(properties = "logwarden.security.pii-fields=labels.customer_phone")
class ExportPiiPolicyIT {

    static final Instant DAY = Instant.parse("2019-08-01T10:00:00Z");

    @Autowired
    RestClient rest;
    @Autowired
    ExportOperations operations;
    @Autowired
    LogwardenProperties logwarden;

    @Test
    void configured_pii_fields_are_masked_in_files_for_users_without_pii_access() throws Exception {
        Map<String, Object> event = new LinkedHashMap<>(TestEvents.event(DAY, "pii-1", "org", "svc-pii", "u1",
                "u1@example.com", "called back"));
        event.put("labels", Map.of("customer_phone", "+41 79 555 12 34", "ticket", "T-1"));
        TestEvents.load(rest, IndexNames.eventsIndex(DAY), List.of(Map.entry("pii-1", event)));
        CurrentUser masked = new CurrentUser("pii-officer", Set.of(Roles.COMPLIANCE), AccessScope.EVERYTHING, false);
        CurrentUser visible = new CurrentUser("pii-admin", Set.of(Roles.ADMIN), AccessScope.EVERYTHING, true);
        ExportRequest request = new ExportRequest("", DAY.minusSeconds(60), DAY.plusSeconds(60),
                List.of("trace.id", "labels.customer_phone", "labels.ticket", "user.email"), ExportFormat.CSV, false);

        String maskedFile = export(masked, request);
        String visibleFile = export(visible, request);

        assertThat(visibleFile).contains("+41 79 555 12 34").contains("u1@example.com");
        assertThat(maskedFile).doesNotContain("555 12 34").doesNotContain("u1@example.com").contains("T-1");
    }

    private String export(CurrentUser user, ExportRequest request) throws Exception {
        ExportJob job = operations.submit(user, request, ExportJob.PURPOSE_SEARCH, ExportSource.search(
                List.of(IndexNames.EVENTS_ALIAS), List.of("message", "error.message"), false));
        await().atMost(Duration.ofMinutes(2)).until(() -> operations.find(job.id()).orElseThrow().state()
                .finished());
        ExportJob done = operations.find(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        return Files.readString(logwarden.dataDir().resolve("exports").resolve(done.fileName()));
    }
}
