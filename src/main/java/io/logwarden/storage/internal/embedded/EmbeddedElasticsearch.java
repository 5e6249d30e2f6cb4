package io.logwarden.storage.internal.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Elasticsearch on 127.0.0.1, started from the integ-test distribution and stopped with {@link #close()}.
 * Used by the application when no external cluster is configured, and by the tests.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param version        distribution version
     * @param distribution   the distribution zip
     * @param baseDir        where the distribution is unpacked and the node keeps config, data and logs
     * @param nodeName       name of the node and of its directory below {@code baseDir}
     * @param httpPort       preferred port; 0 or a taken port means any free port
     * @param heap           JVM heap, e.g. {@code 512m}
     * @param runAsUser      user the node runs as when we are root
     * @param javaHome       JDK that runs the node
     * @param startupTimeout how long to wait for the node to become healthy
     */
    public record Settings(String version, Path distribution, Path baseDir, String nodeName, int httpPort, String heap,
                           String runAsUser, Path javaHome, Duration startupTimeout) {
    }

    private final Process process;
    private final URI url;
    private final Path consoleLog;

    private EmbeddedElasticsearch(Process process, URI url, Path consoleLog) {
        this.process = process;
        this.url = url;
        this.consoleLog = consoleLog;
    }

    public URI url() {
        return url;
    }

    /** Unpacks (once), configures, starts the node and waits until it answers with a yellow or green status. */
    public static EmbeddedElasticsearch start(Settings settings) {
        boolean root = UnprivilegedUser.runningAsRoot();
        Path base = effectiveBaseDir(settings, root);
        Path nodeDir = base.resolve(settings.nodeName());
        try {
            Path home = ElasticsearchDistribution.unpack(settings.distribution(), base.resolve("dist"),
                    settings.version());
            int port = choosePort(settings.httpPort());
            stopLeftoverNode(nodeDir);
            writeNodeConfig(home, nodeDir, settings, port);
            List<String> command = new ArrayList<>();
            if (root) {
                UnprivilegedUser user = new UnprivilegedUser(settings.runAsUser());
                user.ensureExists();
                user.takeOwnership(nodeDir);
                command.addAll(user.commandPrefix());
                log.info("Logwarden runs as root and Elasticsearch refuses root: starting the node as user '{}'",
                        user.name());
            }
            command.add(home.resolve("bin/elasticsearch").toString());
            command.add("-p");
            command.add(nodeDir.resolve("elasticsearch.pid").toString());
            Path consoleLog = nodeDir.resolve("logs/console.log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(nodeDir.resolve("logs").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(consoleLog.toFile());
            Map<String, String> env = builder.environment();
            env.put("ES_JAVA_HOME", settings.javaHome().toString());
            env.put("ES_PATH_CONF", nodeDir.resolve("config").toString());
            env.put("ES_TMPDIR", nodeDir.resolve("tmp").toString());
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("ES_JAVA_OPTS");
            log.info("Starting embedded Elasticsearch {} on http://127.0.0.1:{} (home {}, data {})",
                    settings.version(), port, home, nodeDir.resolve("data"));
            Process process = builder.start();
            EmbeddedElasticsearch node = new EmbeddedElasticsearch(process, URI.create("http://127.0.0.1:" + port),
                    consoleLog);
            node.awaitHealthy(settings.startupTimeout());
            return node;
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            throw new EmbeddedElasticsearchException("Cannot prepare the embedded Elasticsearch under " + base + ": "
                    + e.getMessage() + (cause.getMessage() == null || e == cause ? "" : " (" + cause + ")")
                    + ". Check that this directory is writable and the disk has room, or set logwarden.data-dir "
                    + "to another directory.", e);
        }
    }

    private static Path effectiveBaseDir(Settings settings, boolean root) {
        Path base = settings.baseDir().toAbsolutePath().normalize();
        if (root && !UnprivilegedUser.traversableByOthers(base)) {
            Path fallback = Path.of("/var/lib/logwarden", Integer.toHexString(base.toString().hashCode()));
            log.info("{} is not reachable for the unprivileged Elasticsearch user (a parent directory is private); "
                    + "using {} instead", base, fallback);
            return fallback;
        }
        return base;
    }

    private static int choosePort(int preferred) {
        if (preferred > 0) {
            try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
                return preferred;
            } catch (IOException taken) {
                log.info("Port {} is taken; the embedded Elasticsearch uses a free port instead", preferred);
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded Elasticsearch", e);
        }
    }

    private static void writeNodeConfig(Path home, Path nodeDir, Settings settings, int port) throws IOException {
        Path config = nodeDir.resolve("config");
        for (String dir : List.of("config/jvm.options.d", "data", "logs", "tmp")) {
            Files.createDirectories(nodeDir.resolve(dir));
        }
        for (String file : List.of("jvm.options", "log4j2.properties")) {
            Files.copy(home.resolve("config").resolve(file), config.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(config.resolve("elasticsearch.yml"), """
                cluster.name: logwarden-%s
                node.name: %s
                network.host: 127.0.0.1
                http.port: %d
                transport.port: 9300-9400
                discovery.type: single-node
                xpack.security.enabled: false
                path.data: %s
                path.logs: %s
                cluster.routing.allocation.disk.threshold_enabled: false
                """.formatted(settings.nodeName(), settings.nodeName(), port, nodeDir.resolve("data"),
                nodeDir.resolve("logs")));
        Files.writeString(config.resolve("jvm.options.d/logwarden-heap.options"),
                "-Xms" + settings.heap() + "\n-Xmx" + settings.heap() + "\n");
    }

    /** A node left running by a crashed earlier run would hold the data directory's lock: stop it first. */
    private static void stopLeftoverNode(Path nodeDir) throws IOException {
        Path pidFile = nodeDir.resolve("elasticsearch.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).trim();
        Files.deleteIfExists(pidFile);
        if (!pid.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid))
                .filter(p -> p.info().command().map(c -> c.contains("java")).orElse(false))
                .ifPresent(leftover -> {
                    log.warn("Stopping Elasticsearch process {} left running by an earlier run", pid);
                    leftover.destroy();
                    leftover.onExit().orTimeout(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                            .exceptionally(t -> {
                                leftover.destroyForcibly();
                                return leftover;
                            }).join();
                });
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new EmbeddedElasticsearchException("The embedded Elasticsearch exited with code "
                        + process.exitValue() + " during start-up. Last lines of " + consoleLog + ":\n" + tailOfLog());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    log.info("Embedded Elasticsearch is up at {}", url);
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new EmbeddedElasticsearchException("Interrupted while waiting for Elasticsearch", e);
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new EmbeddedElasticsearchException("The embedded Elasticsearch did not become healthy within " + timeout
                + ". Last lines of " + consoleLog + ":\n" + tailOfLog());
    }

    private String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(consoleLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The started process and its descendants (the node's JVM among them). */
    Stream<ProcessHandle> processTree() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants());
    }

    /** Stops the node: a graceful SIGTERM first, then forcibly after a timeout. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        log.info("Stopping embedded Elasticsearch at {}", url);
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("Elasticsearch did not stop within {}; killing it", STOP_TIMEOUT);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
