package io.logwarden.export;

import java.util.List;

/**
 * The result of checking an export against its signed manifest.
 *
 * @param exportId       the export
 * @param checked        what was compared with the manifest: {@code server copy}, {@code uploaded file} or
 *                       {@code given SHA-256}
 * @param valid          signature valid and the checked content matches
 * @param signatureValid whether the manifest's HMAC matches its content
 * @param fileIntact     whether the checked content's SHA-256 (and length, when known) match the manifest
 * @param expectedSha256 SHA-256 stated by the manifest
 * @param actualSha256   SHA-256 of what was checked, null when there was nothing to check
 * @param problems       what did not match, empty when valid
 */
public record ManifestVerification(String exportId, String checked, boolean valid, boolean signatureValid,
                                   boolean fileIntact, String expectedSha256, String actualSha256,
                                   List<String> problems) {

    public static final String SERVER_COPY = "server copy";
    public static final String UPLOADED_FILE = "uploaded file";
    public static final String GIVEN_SHA256 = "given SHA-256";
}
