package io.logwarden.export;

import java.util.List;

/**
 * The result of checking an export against its manifest.
 *
 * @param valid          signature valid and file unchanged
 * @param signatureValid whether the manifest's HMAC matches its content
 * @param fileIntact     whether the file's length and SHA-256 match the manifest
 * @param expectedSha256 SHA-256 stated by the manifest
 * @param actualSha256   SHA-256 of the file now, null when it is missing
 * @param problems       what did not match, empty when valid
 */
public record ManifestVerification(String exportId, boolean valid, boolean signatureValid, boolean fileIntact,
                                   String expectedSha256, String actualSha256, List<String> problems) {
}
