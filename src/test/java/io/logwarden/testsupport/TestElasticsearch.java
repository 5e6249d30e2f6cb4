package io.logwarden.testsupport;

import io.logwarden.storage.internal.embedded.ElasticsearchDistribution;
import io.logwarden.storage.internal.embedded.EmbeddedElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;

/**
 * One Elasticsearch for the whole test JVM: {@code ES_URL} if set; else a Testcontainers container when a Docker
 * engine answers; else the local 8.19.21 distribution that Maven fetched (run as an unprivileged user when root).
 */
public final class TestElasticsearch {

    public static final String VERSION = "8.19.21";
    private static URI url;

    private TestElasticsearch() {
    }

    public static synchronized URI url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    private static URI start() {
        String configured = System.getenv("ES_URL");
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured);
        }
        if (dockerEngineAnswers()) {
            ElasticsearchContainer container = new ElasticsearchContainer(
                    "docker.elastic.co/elasticsearch/elasticsearch:" + VERSION)
                    .withEnv("xpack.security.enabled", "false")
                    .withEnv("ES_JAVA_OPTS", "-Xms1g -Xmx1g");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return URI.create("http://" + container.getHttpHostAddress());
        }
        return startLocalDistribution();
    }

    private static boolean dockerEngineAnswers() {
        boolean configured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        try {
            return configured && DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static URI startLocalDistribution() {
        String configuredZip = System.getProperty("logwarden.test.elasticsearch.distribution");
        Path zip = ElasticsearchDistribution.locateZip(VERSION, configuredZip == null ? null : Path.of(configuredZip));
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "logwarden-test-es-" + System.getProperty("user.name"));
        String nodeName = "node-" + ProcessHandle.current().pid();
        EmbeddedElasticsearch node = EmbeddedElasticsearch.start(new EmbeddedElasticsearch.Settings(VERSION, zip, base,
                nodeName, 0, "1g", "logwarden-es", Path.of(System.getProperty("java.home")), Duration.ofMinutes(3)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            deleteQuietly(base.resolve(nodeName));
        }));
        return node.url();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort at JVM exit
        }
    }
}
