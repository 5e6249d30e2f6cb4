package io.logwarden.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs before anything else uses Elasticsearch: waits for the cluster, checks its version, installs the index
 * templates and makes sure today's event index (and so the read alias) exists.
 */
class StorageInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(StorageInitializer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient restClient;
    private final URI url;
    private final Duration startupTimeout;

    StorageInitializer(RestClient restClient, URI url, Duration startupTimeout) {
        this.restClient = restClient;
        this.url = url;
        this.startupTimeout = startupTimeout;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        String version = awaitVersion();
        ElasticsearchVersion.requireCompatible(version, url);
        log.info("Connected to Elasticsearch {} at {}", version, url);
        new IndexTemplateInstaller(restClient).installAll();
        createIndexIfMissing(IndexNames.eventsIndex(Instant.now()));
    }

    private String awaitVersion() {
        Instant deadline = Instant.now().plus(startupTimeout);
        IOException last;
        do {
            try {
                var response = restClient.performRequest(
                        new Request("GET", "/_nodes/_local?filter_path=nodes.*.version"));
                JsonNode nodes = JSON.readTree(response.getEntity().getContent()).path("nodes");
                return nodes.elements().next().path("version").asText();
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (status == 401 || status == 403) {
                    throw new StorageUnavailableException("Elasticsearch at " + url + " refused Logwarden's "
                            + "credentials (HTTP " + status + ").",
                            "Check logwarden.elasticsearch.username/password or api-key.", e);
                }
                last = e;
            } catch (IOException e) {
                last = e;
            }
            sleep();
        } while (Instant.now().isBefore(deadline));
        throw new StorageUnavailableException("Cannot reach Elasticsearch at " + url + " within " + startupTimeout
                + ": " + last.getMessage(),
                "Start the cluster, fix logwarden.elasticsearch.url, or remove that setting to let Logwarden start "
                        + "its embedded Elasticsearch.", last);
    }

    private void createIndexIfMissing(String index) throws IOException {
        try {
            restClient.performRequest(new Request("PUT", "/" + index));
        } catch (ResponseException e) {
            if (!e.getMessage().contains("resource_already_exists_exception")) {
                throw e;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
