package io.logwarden.export.internal;

import io.logwarden.export.DataSubject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The keyed hash that stands in for a person's identifiers ({@code anon-} + the first 16 bytes, hex, of
 * HMAC-SHA256 under {@code logwarden.export.anonymisation-key}): the same identifier always gives the same
 * pseudonym, and nobody without the key can test a guess. Emails are hashed in lower case, as they match.
 */
@Component
class Pseudonyms {

    static final String PREFIX = "anon-";

    private final SecretKeys keys;

    Pseudonyms(SecretKeys keys) {
        this.keys = keys;
    }

    String of(String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.anonymisation(), "HmacSHA256"));
            byte[] digest = mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    String ofEmail(String email) {
        return of(email.toLowerCase(Locale.ROOT));
    }

    /** The subject's identifiers as pseudonyms, for the audit trail and manifests: {@code userId → anon-…}. */
    Map<String, String> of(DataSubject subject) {
        Map<String, String> pseudonyms = new LinkedHashMap<>();
        if (subject.userId() != null) {
            pseudonyms.put("userId", of(subject.userId()));
        }
        if (subject.email() != null) {
            pseudonyms.put("email", ofEmail(subject.email()));
        }
        if (subject.name() != null) {
            pseudonyms.put("name", of(subject.name()));
        }
        return pseudonyms;
    }
}
