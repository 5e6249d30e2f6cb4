package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.logwarden.storage.ElasticsearchProperties;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the low-level and typed Elasticsearch clients from Logwarden's settings. */
final class ElasticsearchClientFactory {

    /**
     * Takes the auth cache that {@link RestClient} puts into every request's context out again before Apache
     * HttpClient reads it: its {@code BasicAuthCache} deserialises a stored scheme with an {@code ObjectInputStream} on
     * every read, 30-55 µs per request on the reference machine. Logwarden authenticates with a default header and
     * never through that cache.
     */
    static final HttpRequestInterceptor WITHOUT_AUTH_CACHE =
            (request, context) -> context.removeAttribute(HttpClientContext.AUTH_CACHE);

    private ElasticsearchClientFactory() {
    }

    static RestClient restClient(URI url, ElasticsearchProperties properties) {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(url.toString()));
        String authorization = authorization(properties);
        if (authorization != null) {
            // Sent with every request rather than after a 401 challenge: one round trip, and works through
            // proxies that do not forward the challenge.
            builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, authorization)});
        }
        SSLContext sslContext = sslContext(properties);
        builder.setHttpClientConfigCallback(http -> {
            http.addInterceptorFirst(WITHOUT_AUTH_CACHE);
            return sslContext == null ? http : http.setSSLContext(sslContext);
        });
        builder.setRequestConfigCallback(request -> request.setConnectTimeout(5_000).setSocketTimeout(60_000));
        return builder.build();
    }

    static ElasticsearchClient client(RestClient restClient) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(objectMapper())));
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The Authorization header value: the API key when set, else basic credentials, else none. */
    static String authorization(ElasticsearchProperties properties) {
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            return "ApiKey " + properties.apiKey();
        }
        if (properties.username() != null && !properties.username().isBlank()) {
            String password = properties.password() == null ? "" : properties.password();
            return "Basic " + Base64.getEncoder().encodeToString(
                    (properties.username() + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static SSLContext sslContext(ElasticsearchProperties properties) {
        if (properties.caCertificate() == null) {
            return null;
        }
        try {
            return TransportUtils.sslContextFromHttpCaCrt(properties.caCertificate().toFile());
        } catch (IOException | RuntimeException e) {
            throw new StorageUnavailableException("Cannot read the CA certificate "
                    + properties.caCertificate() + ": " + e.getMessage(),
                    "Point logwarden.elasticsearch.ca-certificate at a readable PEM file with the certificate of the "
                            + "CA that signed the cluster's HTTPS certificate (e.g. config/certs/http_ca.crt).", e);
        }
    }
}
