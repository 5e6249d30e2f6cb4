package io.logwarden.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Logwarden's packaged jar running as a child JVM, as a user would run it. */
public final class LogwardenProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final int port;
    private final Instant startedAt;

    private LogwardenProcess(Process process, Path output, int port, Instant startedAt) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.startedAt = startedAt;
    }

    /** Starts {@code java -jar logwarden.jar --server.port=<free port> <args>} with extra environment variables. */
    public static LogwardenProcess start(Path workDir, Map<String, String> env, String... args) {
        try {
            Files.createDirectories(workDir);
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx768m", "-jar", jar().toString(),
                    "--server.port=" + port));
            command.addAll(List.of(args));
            Path output = workDir.resolve("logwarden.out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            return new LogwardenProcess(builder.start(), output, port, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path jar() {
        String configured = System.getProperty("logwarden.test.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "logwarden-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No application jar at " + jar + ": run ./mvnw verify (package first)");
        }
        return jar.toAbsolutePath();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until /actuator/health answers 200 and returns how long start-up took. */
    public Duration awaitHealthy(Duration timeout) {
        HttpTestClient http = new HttpTestClient(url());
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Logwarden exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (http.get("/actuator/health").statusCode() == 200) {
                    return Duration.between(startedAt, Instant.now());
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            pause();
        }
        throw new IllegalStateException("Logwarden did not become healthy within " + timeout + ":\n" + output());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Logwarden still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Graceful stop (SIGTERM), as a service manager would do it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
