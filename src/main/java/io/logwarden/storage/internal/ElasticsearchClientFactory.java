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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the low-level and typed Elasticsearch clients from Logwarden's settings. */
final class ElasticsearchClientFactory {

    private ElasticsearchClientFactory() {
    }

    static RestClient restClient(URI url, ElasticsearchProperties properties) {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(url.toString()));
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            builder.setDefaultHeaders(new Header[] {
                    new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + properties.apiKey())});
        }
        SSLContext sslContext = sslContext(properties);
        builder.setHttpClientConfigCallback(http -> {
            if (properties.username() != null && !properties.username().isBlank()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY,
                        new UsernamePasswordCredentials(properties.username(), properties.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (sslContext != null) {
                http.setSSLContext(sslContext);
            }
            return http;
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

    private static SSLContext sslContext(ElasticsearchProperties properties) {
        if (properties.caCertificate() == null) {
            return null;
        }
        try {
            return TransportUtils.sslContextFromHttpCaCrt(properties.caCertificate().toFile());
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException(
                    "Cannot read the CA certificate " + properties.caCertificate() + ": " + e.getMessage(), e));
        }
    }
}
