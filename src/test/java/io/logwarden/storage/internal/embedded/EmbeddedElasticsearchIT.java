package io.logwarden.storage.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.testsupport.TestElasticsearch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded node's life cycle with the real distribution: it runs as an unprivileged user when we are root, it
 * is gone after {@code close()}, and the ways it can fail to start end in one clear
 * {@link EmbeddedElasticsearchException} (which the failure analyzer prints without a stack trace).
 */
class EmbeddedElasticsearchIT {

    @TempDir
    Path temp;

    @Test
    void starts_as_an_unprivileged_user_when_root_and_is_gone_after_close() throws Exception {
        Path base = Files.createDirectories(Path.of("target", "embedded-it", String.valueOf(System.nanoTime())));
        EmbeddedElasticsearch node = EmbeddedElasticsearch.start(settings(base, "512m"));
        URI url = node.url();
        try {
            assertThat(answers(url)).isTrue();
            String expectedUser = UnprivilegedUser.runningAsRoot() ? "logwarden-es" : System.getProperty("user.name");
            assertThat(node.processTree().filter(p -> p.info().command().orElse("").endsWith("/java")))
                    .isNotEmpty()
                    .allSatisfy(java -> assertThat(java.info().user()).contains(expectedUser));
        } finally {
            node.close();
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (answers(url) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(answers(url)).as("port of the stopped node still answers").isFalse();
        deleteQuietly(base);
    }

    @Test
    void a_missing_distribution_says_how_to_fetch_it() {
        assertThatThrownBy(() -> ElasticsearchDistribution.locateZip("8.19.99", temp.resolve("nope.zip")))
                .isInstanceOf(EmbeddedElasticsearchException.class)
                .hasMessageContaining("distribution was not found")
                .hasMessageContaining("dependency:get");
    }

    @Test
    void an_unusable_data_directory_is_a_clear_error() throws IOException {
        // below target/ (traversable), so that running as root does not switch to a fallback directory; a plain
        // file where the distribution is unpacked stands for a read-only or broken data directory (root writes
        // anywhere, so permissions cannot be used here)
        Path base = Files.createDirectories(Path.of("target", "embedded-it", "unusable-" + System.nanoTime()));
        Files.writeString(base.resolve("dist"), "not a directory");

        assertThatThrownBy(() -> EmbeddedElasticsearch.start(settings(base, "512m")))
                .isInstanceOf(EmbeddedElasticsearchException.class)
                .hasMessageContaining("Cannot prepare the embedded Elasticsearch under")
                .hasMessageContaining("logwarden.data-dir");
        deleteQuietly(base);
    }

    @Test
    void a_node_that_exits_during_start_up_shows_the_end_of_its_log() throws IOException {
        Path base = Files.createDirectories(Path.of("target", "embedded-it", "bad-heap-" + System.nanoTime()));

        assertThatThrownBy(() -> EmbeddedElasticsearch.start(settings(base, "not-a-size")))
                .isInstanceOf(EmbeddedElasticsearchException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("Last lines of");
        deleteQuietly(base);
    }

    private static EmbeddedElasticsearch.Settings settings(Path base, String heap) {
        String configured = System.getProperty("logwarden.test.elasticsearch.distribution");
        Path zip = ElasticsearchDistribution.locateZip(TestElasticsearch.VERSION,
                configured == null ? null : Path.of(configured));
        return new EmbeddedElasticsearch.Settings(TestElasticsearch.VERSION, zip, base, "it-node", 0, heap,
                "logwarden-es", Path.of(System.getProperty("java.home")), Duration.ofMinutes(3));
    }

    private static boolean answers(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            ElasticsearchDistribution.deleteRecursively(dir);
        } catch (IOException e) {
            // leftovers under target/ are removed by the next clean
        }
    }
}
