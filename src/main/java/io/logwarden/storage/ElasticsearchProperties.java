package io.logwarden.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Logwarden's Elasticsearch is and how to reach it.
 *
 * @param url             base URL of an external cluster; empty means "start the embedded node"
 * @param username        user for basic authentication, if the cluster needs it
 * @param password        password for basic authentication
 * @param apiKey          Elasticsearch API key (base64 "id:key"), used instead of username/password
 * @param caCertificate   PEM file of the CA that signed the cluster's HTTPS certificate
 * @param startupTimeout  how long start-up waits for the cluster to answer before giving up
 * @param embedded        settings of the embedded node
 */
@Validated
@ConfigurationProperties("logwarden.elasticsearch")
public record ElasticsearchProperties(
        URI url,
        String username,
        String password,
        String apiKey,
        Path caCertificate,
        @NotNull @DefaultValue("60s") Duration startupTimeout,
        @Valid @NotNull @DefaultValue Embedded embedded) {

    public boolean isEmbedded() {
        return url == null || url.toString().isBlank();
    }

    /**
     * The embedded single-node Elasticsearch started when no URL is configured.
     *
     * @param version      distribution version, fetched by Maven as
     *                     {@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip}; the
     *                     default comes from the build (application.yml, filled from pom.xml)
     * @param distribution path of that zip; empty means look in {@code target/elasticsearch-dist} and the local
     *                     Maven repository
     * @param httpPort     HTTP port on 127.0.0.1; when taken, a free port is chosen and logged
     * @param heap         JVM heap of the node, e.g. {@code 1g}
     * @param runAsUser    unprivileged user the node runs as when Logwarden runs as root (created if missing)
     */
    public record Embedded(
            @NotBlank String version,
            Path distribution,
            @Min(0) @DefaultValue("9200") int httpPort,
            @NotBlank @DefaultValue("1g") String heap,
            @NotBlank @DefaultValue("logwarden-es") String runAsUser) {
    }
}
