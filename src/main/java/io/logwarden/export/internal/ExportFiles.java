package io.logwarden.export.internal;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Where export files live: {@code logwarden.export.directory}, by default {@code ${logwarden.data-dir}/exports} on the
 * instance that ran the job; several instances share one directory so that any of them resumes a job taken over from
 * another or serves its download. Manifests are kept in the job record instead.
 */
@Component
class ExportFiles {

    private final Path directory;

    ExportFiles(LogwardenProperties logwarden, ExportProperties export) {
        Path configured = export.directory();
        this.directory = (configured != null ? configured : logwarden.dataDir().resolve("exports")).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the export directory " + directory, e);
        }
    }

    Path data(ExportJob job) {
        return directory.resolve(job.fileName());
    }

    /** Length of the job's file in the export directory, -1 when there is none. */
    long length(ExportJob job) {
        try {
            Path path = data(job);
            return Files.exists(path) ? Files.size(path) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    void delete(ExportJob job) {
        try {
            Files.deleteIfExists(data(job));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the file of export " + job.id(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in).hex();
        }
    }

    /** SHA-256 and length of a stream, read to its end at constant memory. */
    static Digest sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long length = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                length += n;
            }
            return new Digest(HexFormat.of().formatHex(digest.digest()), length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Digest(String hex, long length) {
    }
}
