package io.logwarden.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.export.DataSubject;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportSource;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSignerTest {

    static final String KEY = "a-signing-key-of-enough-length";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dataDir;

    ManifestSigner signer() {
        ExportProperties properties = new ExportProperties(Duration.ofDays(7), 5000, Duration.ofMinutes(30),
                Duration.ofSeconds(5), 2, KEY, "an-anonymisation-key-long", Duration.ofMinutes(15),
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(30), null);
        SecretKeys keys = new SecretKeys(properties, new LogwardenProperties(dataDir));
        return new ManifestSigner(keys, new Pseudonyms(keys));
    }

    static ExportJob job(ExportSource source) {
        CurrentUser user = new CurrentUser("officer", Set.of(Roles.COMPLIANCE),
                new AccessScope(Set.of("org-b", "org-a"), Set.of(), Set.of()), false);
        ExportRequest request = new ExportRequest("service.name:checkout", T0.minusSeconds(3600), T0,
                List.of("@timestamp", "message"), ExportFormat.CSV, true);
        return ExportJob.queued("job-1", ExportJob.PURPOSE_SEARCH, user, request, source, T0)
                .withProgress(42, 42, 0, null, List.of());
    }

    @Test
    void a_signed_manifest_verifies_and_states_what_was_exported() {
        ManifestSigner signer = signer();
        String manifest = signer.sign(job(ExportSource.search(List.of("logwarden-events"),
                List.of("message", "error.message"), false)), 1234, "ab".repeat(32), T0);

        assertThat(signer.signatureValid(manifest)).isTrue();
        assertThat(signer.facts(manifest)).isEqualTo(new ManifestSigner.Facts("job-1", "ab".repeat(32), 1234));
        assertThat(manifest).contains("\"query\" : \"service.name:checkout\"", "\"rowCount\" : 42",
                "\"piiMasked\" : true", "\"createdBy\" : \"officer\"", "\"org-a\", \"org-b\"",
                "\"from\" : \"2026-01-01T09:00:00Z\"", "\"fileName\" : \"job-1.csv.gz\"");
    }

    @Test
    void any_change_to_the_manifest_breaks_the_signature() {
        ManifestSigner signer = signer();
        String manifest = signer.sign(job(ExportSource.search(List.of("logwarden-events"), List.of(), false)), 1234,
                "ab".repeat(32), T0);

        assertThat(signer.signatureValid(manifest.replace("\"rowCount\" : 42", "\"rowCount\" : 41"))).isFalse();
        assertThat(signer.signatureValid(manifest.replace("ab".repeat(32), "cd".repeat(32)))).isFalse();
        assertThat(signer.signatureValid(manifest.replaceFirst("\"signature\" : \"[0-9a-f]{4}",
                "\"signature\" : \"0000"))).isFalse();
        assertThat(signer.signatureValid("{\"exportId\":\"job-1\"}")).isFalse();
    }

    @Test
    void a_data_subject_manifest_names_the_person_only_by_pseudonyms() {
        ManifestSigner signer = signer();
        String manifest = signer.sign(job(ExportSource.dataSubject(List.of("logwarden-events-*"),
                new DataSubject("user-7", "Jane@Example.com", "Jane Doe"))), 10, "ab".repeat(32), T0);

        assertThat(signer.signatureValid(manifest)).isTrue();
        assertThat(manifest).doesNotContain("user-7").doesNotContainIgnoringCase("jane").contains("anon-");
    }

    @Test
    void a_version_1_manifest_with_other_members_still_verifies() throws GeneralSecurityException {
        String unsigned = """
                {
                  "version" : 1,
                  "exportId" : "old-job",
                  "matchAnyOf" : { },
                  "rowCount" : 7,
                  "sha256" : "%s",
                  "algorithm" : "HmacSHA256",
                  "signature" : null
                }""".formatted("ef".repeat(32));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
        String signed = unsigned.replace("\"signature\" : null", "\"signature\" : \"" + signature + "\"");

        assertThat(signer().signatureValid(signed)).isTrue();
        assertThat(signer().signatureValid(signed.replace("\"rowCount\" : 7", "\"rowCount\" : 8"))).isFalse();
    }
}
