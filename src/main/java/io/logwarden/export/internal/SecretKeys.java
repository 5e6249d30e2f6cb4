package io.logwarden.export.internal;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.export.ExportProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The manifest signing key and the anonymisation key: from configuration, else generated once and kept on disk. */
@Component
class SecretKeys {

    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

    private final byte[] signing;
    private final byte[] anonymisation;

    SecretKeys(ExportProperties properties, LogwardenProperties logwarden) {
        Path dir = logwarden.dataDir().resolve("keys");
        this.signing = load(properties.signingKey(), dir.resolve("export-signing.key"), "logwarden.export.signing-key",
                "manifests cannot be verified");
        this.anonymisation = load(properties.anonymisationKey(), dir.resolve("anonymisation.key"),
                "logwarden.export.anonymisation-key", "pseudonyms of later requests will not match earlier ones");
    }

    byte[] signing() {
        return signing.clone();
    }

    byte[] anonymisation() {
        return anonymisation.clone();
    }

    private static byte[] load(String configured, Path file, String property, String lossConsequence) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 16) {
                throw new IllegalStateException(property + " must be at least 16 characters long");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).strip());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, HexFormat.of().formatHex(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            log.warn("No {} configured: generated one in {}. Configure it explicitly when several instances share "
                    + "the cluster, and back it up: without it {}.", property, file, lossConsequence);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, e);
        }
    }
}
