package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.logwarden.storage.ElasticsearchProperties;
import io.logwarden.testsupport.TestElasticsearch;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings for an external cluster ({@code url} over HTTPS, {@code ca-certificate}, {@code username}/
 * {@code password}, {@code api-key}) against the real Elasticsearch, reached through an HTTPS front that uses a
 * certificate of its own CA and records the credentials it receives (the local distribution has neither TLS nor
 * security, so the front stands in for a secured cluster).
 */
class ExternalClusterSettingsIT {

    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static HttpsServer front;
    private static URI frontUrl;
    private static Path caCertificate;
    private static final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startHttpsFront() throws Exception {
        Path keystore = dir.resolve("front.p12");
        keytool("-genkeypair", "-alias", "front", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        caCertificate = dir.resolve("http_ca.crt");
        keytool("-exportcert", "-rfc", "-alias", "front", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-file", caCertificate.toString());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        URI elasticsearch = TestElasticsearch.url();
        HttpClient forward = HttpClient.newHttpClient();
        front = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        front.setHttpsConfigurator(new HttpsConfigurator(tls));
        front.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "(none)" : authorization);
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(elasticsearch.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            try {
                HttpResponse<byte[]> answer = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type")
                        .ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        front.start();
        frontUrl = URI.create("https://127.0.0.1:" + front.getAddress().getPort());
    }

    @AfterAll
    static void stopFront() {
        if (front != null) {
            front.stop(0);
        }
    }

    @Test
    void connects_over_https_with_the_configured_ca_and_sends_basic_credentials() throws IOException {
        authorizations.clear();
        try (RestClient client = ElasticsearchClientFactory.restClient(frontUrl,
                properties("logwarden", "s3cret", null, caCertificate))) {
            new StorageInitializer(client, frontUrl, Duration.ofSeconds(10)).afterPropertiesSet();
            var health = client.performRequest(new Request("GET", "/_cluster/health"));
            assertThat(health.getStatusLine().getStatusCode()).isEqualTo(200);
        }
        assertThat(authorizations).isNotEmpty().allMatch("Basic bG9nd2FyZGVuOnMzY3JldA=="::equals);
    }

    @Test
    void sends_the_api_key_instead_of_basic_credentials_when_both_are_set() throws IOException {
        authorizations.clear();
        try (RestClient client = ElasticsearchClientFactory.restClient(frontUrl,
                properties("logwarden", "s3cret", "aWQ6a2V5", caCertificate))) {
            client.performRequest(new Request("GET", "/_cluster/health"));
        }
        assertThat(authorizations).containsExactly("ApiKey aWQ6a2V5");
    }

    @Test
    void refuses_a_certificate_not_signed_by_the_configured_ca() throws IOException {
        try (RestClient client = ElasticsearchClientFactory.restClient(frontUrl, properties(null, null, null, null))) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/_cluster/health")))
                    .isInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    private static ElasticsearchProperties properties(String user, String password, String apiKey, Path ca) {
        return new ElasticsearchProperties(frontUrl, user, password, apiKey, ca, Duration.ofSeconds(10),
                new ElasticsearchProperties.Embedded(TestElasticsearch.VERSION, null, 0, "1g", "logwarden-es"));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
