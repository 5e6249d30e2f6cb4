package io.logwarden.storage.internal.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Elasticsearch refuses to run as root: when we are root, the node runs as this user instead.
 */
final class UnprivilegedUser {

    private final String name;

    UnprivilegedUser(String name) {
        this.name = name;
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    String name() {
        return name;
    }

    /** Creates the system user unless it exists. */
    void ensureExists() {
        if (run(List.of("id", "-u", name)) == 0) {
            return;
        }
        int exit = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name));
        if (exit != 0 && run(List.of("id", "-u", name)) != 0) {
            throw new EmbeddedElasticsearchException("Cannot create the unprivileged user '" + name
                    + "' that runs Elasticsearch (useradd exited " + exit + "). Create it yourself or run Logwarden "
                    + "as a non-root user.");
        }
    }

    /** Makes {@code dir} and everything below it owned by this user. */
    void takeOwnership(Path dir) throws IOException {
        var lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(name);
        // The user's primary group, which need not share its name (useradd on some systems puts it in "nogroup").
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(output(List.of("id", "-gn", name)));
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    /** The command prefix that switches to this user without an intermediate shell. */
    List<String> commandPrefix() {
        return List.of("setpriv", "--reuid=" + name, "--regid=" + output(List.of("id", "-g", name)), "--init-groups",
                "--");
    }

    /** True when every ancestor of {@code path} lets other users pass through. */
    static boolean traversableByOthers(Path path) {
        Path current = path.toAbsolutePath().normalize();
        while (current != null) {
            try {
                if (Files.exists(current)
                        && !Files.getPosixFilePermissions(current).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
            current = current.getParent();
        }
        return true;
    }

    /** The first line a command prints; fails clearly when it cannot run. */
    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
                throw new EmbeddedElasticsearchException("'" + String.join(" ", command) + "' failed: " + out);
            }
            return out.lines().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new EmbeddedElasticsearchException("Cannot run '" + String.join(" ", command) + "': "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedElasticsearchException("Interrupted while running " + command, e);
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
