package io.logwarden.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The signed record of what an export contains. {@code signature} is the HMAC-SHA256 (hex) of this manifest's JSON
 * with {@code signature} set to null, under the key {@code logwarden.export.signing-key} (docs/decisions/082).
 *
 * @param version     2; version 1 manifests (without queryFields, subject, widget) still verify
 * @param queryFields Search's default fields the query was interpreted with
 * @param subject     a data-subject export's identifiers as keyed pseudonyms (never the identifiers themselves)
 * @param widget      a widget export's dashboard, position, title and type
 * @param scope       the submitter's scope as field → allowed values (empty: unrestricted)
 */
public record ExportManifest(int version, String exportId, String purpose, String query, Instant from, Instant to,
                             List<String> indices, List<String> queryFields, Map<String, String> subject,
                             Map<String, Object> widget, Map<String, List<String>> scope, boolean piiMasked,
                             List<String> fields, ExportFormat format, boolean gzip, String fileName, long rowCount,
                             long bytes, String sha256, String createdBy, Instant createdAt, Instant completedAt,
                             String algorithm, String signature) {

    public ExportManifest withSignature(String value) {
        return new ExportManifest(version, exportId, purpose, query, from, to, indices, queryFields, subject, widget,
                scope, piiMasked, fields, format, gzip, fileName, rowCount, bytes, sha256, createdBy, createdAt,
                completedAt, algorithm, value);
    }
}
