package io.logwarden.export.internal;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.export.ExportJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Where export files and their manifests live: {@code ${logwarden.data-dir}/exports}. */
@Component
class ExportFiles {

    private final Path directory;

    ExportFiles(LogwardenProperties properties) {
        this.directory = properties.dataDir().resolve("exports").toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the export directory " + directory, e);
        }
    }

    Path data(ExportJob job) {
        return directory.resolve(job.fileName());
    }

    Path manifest(ExportJob job) {
        return directory.resolve(job.id() + ".manifest.json");
    }

    void deleteAll(ExportJob job) {
        try {
            Files.deleteIfExists(data(job));
            Files.deleteIfExists(manifest(job));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the files of export " + job.id(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
