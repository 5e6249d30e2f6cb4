package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.logwarden.storage.ElasticsearchProperties;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Start-up against servers that are not a usable Elasticsearch: each ends in a {@link StorageUnavailableException}
 * that says what is wrong and what to do (the failure analyzer prints exactly that, without a stack trace).
 */
class StorageInitializerTest {

    private HttpServer server;
    private RestClient client;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void refuses_an_elasticsearch_older_than_8_19() {
        URI url = serve(request -> request.startsWith("GET /_nodes")
                ? new Answer(200, "{\"nodes\":{\"abc\":{\"version\":\"7.17.25\"}}}") : new Answer(404, "{}"));

        assertThatThrownBy(() -> initializer(url).afterPropertiesSet())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("is version 7.17.25")
                .hasMessageContaining("needs 8.19 or later")
                .extracting(e -> ((StorageUnavailableException) e).action()).asString().contains("Upgrade");
    }

    @Test
    void says_so_when_the_server_is_not_elasticsearch() {
        URI html = serve(request -> new Answer(200, "<html><body>Welcome to nginx</body></html>"));
        assertThatThrownBy(() -> initializer(html).afterPropertiesSet())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("not like Elasticsearch");
        stopServer();

        URI notFound = serve(request -> new Answer(404, "no such page"));
        assertThatThrownBy(() -> initializer(notFound).afterPropertiesSet())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("HTTP 404, which Elasticsearch does not");
    }

    @Test
    void tells_refused_credentials_from_missing_privileges() {
        URI refused = serve(request -> new Answer(401, "{\"error\":\"unauthorized\"}"));
        assertThatThrownBy(() -> initializer(refused).afterPropertiesSet())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("refused Logwarden's credentials (HTTP 401)");
        stopServer();

        URI forbidden = serve(request -> new Answer(403, "{\"error\":\"forbidden\"}"));
        assertThatThrownBy(() -> initializer(forbidden).afterPropertiesSet())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("denied the node information request (HTTP 403)")
                .extracting(e -> ((StorageUnavailableException) e).action()).asString().contains("monitor");
    }

    @Test
    void explains_a_refused_template_installation() {
        URI url = serve(request -> request.startsWith("GET /_nodes")
                ? new Answer(200, "{\"nodes\":{\"abc\":{\"version\":\"8.19.21\"}}}")
                : request.startsWith("PUT /_component_template/")
                        ? new Answer(403, "{\"error\":{\"type\":\"security_exception\"}}")
                        : new Answer(404, "{}"));

        assertThatThrownBy(() -> initializer(url).afterPropertiesSet())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("refused to set up Logwarden's index templates")
                .hasMessageContaining("HTTP 403")
                .extracting(e -> ((StorageUnavailableException) e).action()).asString()
                .contains("manage_index_templates");
    }

    @Test
    void an_unreadable_ca_certificate_is_a_clear_start_up_error() {
        ElasticsearchProperties properties = new ElasticsearchProperties(URI.create("https://127.0.0.1:9"), null, null,
                null, java.nio.file.Path.of("/nonexistent/http_ca.crt"), Duration.ofSeconds(1),
                new ElasticsearchProperties.Embedded("8.19.21", null, 0, "1g", "logwarden-es"));

        assertThatThrownBy(() -> ElasticsearchClientFactory.restClient(properties.url(), properties))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("Cannot read the CA certificate /nonexistent/http_ca.crt");
    }

    @Test
    void sends_the_api_key_or_basic_credentials_with_every_request() {
        ElasticsearchProperties.Embedded embedded =
                new ElasticsearchProperties.Embedded("8.19.21", null, 0, "1g", "logwarden-es");
        assertThat(ElasticsearchClientFactory.authorization(new ElasticsearchProperties(null, "logwarden", "s3cret",
                null, null, Duration.ofSeconds(1), embedded))).isEqualTo("Basic bG9nd2FyZGVuOnMzY3JldA==");
        assertThat(ElasticsearchClientFactory.authorization(new ElasticsearchProperties(null, "logwarden", "s3cret",
                "aWQ6a2V5", null, Duration.ofSeconds(1), embedded))).isEqualTo("ApiKey aWQ6a2V5");
        assertThat(ElasticsearchClientFactory.authorization(new ElasticsearchProperties(null, null, null,
                null, null, Duration.ofSeconds(1), embedded))).isNull();
    }

    private StorageInitializer initializer(URI url) {
        client = RestClient.builder(org.apache.http.HttpHost.create(url.toString())).build();
        return new StorageInitializer(client, url, Duration.ofSeconds(3));
    }

    private record Answer(int status, String body) {
    }

    /** Serves the answer {@code answers} gives for "METHOD /path". */
    private URI serve(Function<String, Answer> answers) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            Answer answer = answers.apply(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().putAll(Map.of("Content-Type", java.util.List.of(
                    answer.body().startsWith("<") ? "text/html" : "application/json")));
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void stopServer() {
        server.stop(0);
        server = null;
    }
}
