package io.logwarden.storage.internal.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the Elasticsearch integ-test distribution zip that Maven fetched and unpacks it once.
 */
public final class ElasticsearchDistribution {

    private static final String MARKER = ".logwarden-unpacked";

    private ElasticsearchDistribution() {
    }

    /** Candidate places for the zip, most specific first. */
    static List<Path> candidates(String version, Path configured) {
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(configured);
        }
        String zipName = "elasticsearch-" + version + ".zip";
        candidates.add(Path.of("target", "elasticsearch-dist", zipName));
        String m2 = System.getProperty("maven.repo.local");
        Path repository = m2 != null ? Path.of(m2) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        candidates.add(repository.resolve(Path.of("org", "elasticsearch", "distribution", "integ-test-zip",
                "elasticsearch", version, zipName)));
        return candidates;
    }

    /** The distribution zip, or a message telling how to fetch it. */
    public static Path locateZip(String version, Path configured) {
        List<Path> candidates = candidates(version, configured);
        Optional<Path> found = candidates.stream().filter(Files::isRegularFile).findFirst();
        return found.orElseThrow(() -> new EmbeddedElasticsearchException(
                "The Elasticsearch " + version + " distribution was not found (looked in " + candidates + "). "
                        + "Fetch it with: ./mvnw dependency:get "
                        + "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:" + version + ":zip, "
                        + "or set logwarden.elasticsearch.url to an existing cluster."));
    }

    /**
     * Unpacks the zip below {@code targetParent} unless a complete earlier unpack is there.
     *
     * @return the Elasticsearch home directory
     */
    public static Path unpack(Path zip, Path targetParent, String version) {
        Path home = targetParent.resolve("elasticsearch-" + version);
        if (Files.isRegularFile(home.resolve(MARKER))) {
            return home;
        }
        try {
            Files.createDirectories(targetParent);
            Path staging = Files.createTempDirectory(targetParent, "unpacking-");
            try (ZipFile zipFile = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : zipFile.stream().toList()) {
                    extract(zipFile, entry, staging);
                }
            }
            Path unpackedHome = staging.resolve("elasticsearch-" + version);
            if (!Files.isDirectory(unpackedHome)) {
                throw new EmbeddedElasticsearchException("Unexpected layout in " + zip + ": no elasticsearch-" + version + "/");
            }
            makeReadableByAll(unpackedHome);
            Files.writeString(unpackedHome.resolve(MARKER), zip.toString());
            if (!Files.isRegularFile(home.resolve(MARKER))) {
                deleteRecursively(home); // an interrupted earlier unpack
                try {
                    Files.move(unpackedHome, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException concurrentUnpack) {
                    // another process finished first: use its copy
                }
            }
            deleteRecursively(staging);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + targetParent, e);
        }
    }

    private static void extract(ZipFile zipFile, ZipEntry entry, Path target) throws IOException {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
            throw new EmbeddedElasticsearchException("Refusing zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(out);
            return;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = zipFile.getInputStream(entry)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        boolean executable = out.getParent().getFileName().toString().equals("bin");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    private static void makeReadableByAll(Path home) throws IOException {
        try (var paths = Files.walk(home)) {
            for (Path p : paths.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
