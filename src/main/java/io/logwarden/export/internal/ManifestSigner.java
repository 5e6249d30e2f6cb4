package io.logwarden.export.internal;

import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportManifest;
import io.logwarden.export.WidgetTable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds and checks signed manifests. The signed bytes are the manifest's JSON with {@code "signature": null}, maps
 * sorted by key. A manifest is kept and served as the exact JSON text that was signed, and checked by re-reading
 * that text as a tree: so a manifest of an older version, with other members, still verifies.
 */
@Component
class ManifestSigner {

    static final String ALGORITHM = "HmacSHA256";
    static final int VERSION = 2;

    private final SecretKeys keys;
    private final Pseudonyms pseudonyms;
    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    ManifestSigner(SecretKeys keys, Pseudonyms pseudonyms) {
        this.keys = keys;
        this.pseudonyms = pseudonyms;
    }

    /** The signed manifest of a finished file, as JSON text. */
    String sign(ExportJob job, long bytes, String sha256, Instant completedAt) {
        ExportManifest unsigned = new ExportManifest(VERSION, job.id(), job.purpose(), job.request().query(),
                job.request().from(), job.request().to(), job.source().indices(), job.source().queryFields(),
                job.source().subject() == null ? null : pseudonyms.of(job.source().subject()),
                widget(job.source().widget()), sorted(job.submittedBy().scope().toFilter().allowedValues()),
                !job.submittedBy().piiVisible(), columns(job), job.request().format(), job.request().gzip(),
                job.fileName(), job.rows(), bytes, sha256, job.submittedBy().username(), job.createdAt(),
                completedAt, ALGORITHM, null);
        String signature = hmac(json.writeValueAsBytes(unsigned));
        return json.writeValueAsString(unsigned.withSignature(signature));
    }

    /** Whether the manifest's signature matches its content (any manifest version). */
    boolean signatureValid(String manifest) {
        JsonNode tree = json.readTree(manifest);
        if (!(tree instanceof ObjectNode object) || !object.path("signature").isString()) {
            return false;
        }
        String signature = object.path("signature").asString();
        object.putNull("signature");
        byte[] expected = hmac(json.writeValueAsBytes(object)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The members a verification compares: export id, SHA-256 and byte length. */
    Facts facts(String manifest) {
        JsonNode tree = json.readTree(manifest);
        return new Facts(tree.path("exportId").asString(null), tree.path("sha256").asString(null),
                tree.path("bytes").asLong(-1));
    }

    record Facts(String exportId, String sha256, long bytes) {
    }

    private String hmac(byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(keys.signing(), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static List<String> columns(ExportJob job) {
        return job.source().widget() != null ? job.source().widget().columns() : job.request().fields();
    }

    private static Map<String, Object> widget(WidgetTable table) {
        if (table == null) {
            return null;
        }
        Map<String, Object> widget = new LinkedHashMap<>();
        widget.put("dashboardId", table.dashboardId());
        widget.put("widgetIndex", table.widgetIndex());
        widget.put("title", table.title());
        widget.put("type", table.type());
        return widget;
    }

    private static Map<String, List<String>> sorted(Map<String, Set<String>> values) {
        Map<String, List<String>> sorted = new TreeMap<>();
        values.forEach((k, v) -> sorted.put(k, v.stream().sorted().toList()));
        return sorted;
    }
}
