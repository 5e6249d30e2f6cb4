package io.logwarden.export.internal;

import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportManifest;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and checks signed manifests. The signed bytes are the manifest's JSON without its signature, with map keys
 * and set values sorted so that the same manifest always gives the same bytes.
 */
@Component
class ManifestSigner {

    static final String ALGORITHM = "HmacSHA256";

    private final SecretKeys keys;
    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    ManifestSigner(SecretKeys keys) {
        this.keys = keys;
    }

    ExportManifest sign(ExportJob job, long bytes, String sha256, Instant completedAt) {
        ExportManifest unsigned = new ExportManifest(1, job.id(), job.purpose(), job.request().query(),
                job.request().from(), job.request().to(), job.indices(), sorted(job.anyOfTerms()),
                sorted(job.submittedBy().scope().toFilter().allowedValues()), !job.submittedBy().piiVisible(),
                job.request().fields(), job.request().format(), job.request().gzip(), job.fileName(), job.rows(),
                bytes, sha256, job.submittedBy().username(), job.createdAt(), completedAt, ALGORITHM, null);
        return unsigned.withSignature(signature(unsigned));
    }

    boolean signatureValid(ExportManifest manifest) {
        if (manifest.signature() == null) {
            return false;
        }
        byte[] expected = signature(manifest.withSignature(null)).getBytes();
        return MessageDigest.isEqual(expected, manifest.signature().getBytes());
    }

    byte[] toJson(ExportManifest manifest) {
        return json.writeValueAsBytes(manifest);
    }

    ExportManifest fromJson(byte[] bytes) {
        return json.readValue(bytes, ExportManifest.class);
    }

    private String signature(ExportManifest unsigned) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(keys.signing(), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(json.writeValueAsBytes(unsigned)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static Map<String, List<String>> sorted(Map<String, Set<String>> values) {
        Map<String, List<String>> sorted = new TreeMap<>();
        values.forEach((k, v) -> sorted.put(k, v.stream().sorted().toList()));
        return sorted;
    }
}
