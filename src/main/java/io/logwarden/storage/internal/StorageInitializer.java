package io.logwarden.storage.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.apache.http.HttpEntity;
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
    public void afterPropertiesSet() {
        String version = awaitVersion();
        ElasticsearchVersion.requireCompatible(version, url);
        log.info("Connected to Elasticsearch {} at {}", version, url);
        try {
            new IndexTemplateInstaller(restClient).installAll();
            createIndexIfMissing(IndexNames.eventsIndex(Instant.now()));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            throw new StorageUnavailableException("Elasticsearch at " + url + " refused to set up Logwarden's index "
                    + "templates and indices (HTTP " + status + " for " + e.getResponse().getRequestLine() + ").",
                    status == 401 || status == 403
                            ? "Give Logwarden's Elasticsearch user or API key the cluster privileges "
                                    + "manage_index_templates and monitor, and all index privileges on logwarden-* "
                                    + "and .logwarden-*."
                            : "Check the cluster's log for the reason.", e);
        } catch (IOException e) {
            throw new StorageUnavailableException("Lost the connection to Elasticsearch at " + url
                    + " while installing index templates: " + e.getMessage(),
                    "Check that the cluster is up and reachable, then start Logwarden again.", e);
        }
    }

    private String awaitVersion() {
        Instant deadline = Instant.now().plus(startupTimeout);
        IOException last;
        do {
            try {
                var response = restClient.performRequest(
                        new Request("GET", "/_nodes/_local?filter_path=nodes.*.version"));
                return nodeVersion(response.getEntity() == null ? null : readJson(response.getEntity()));
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (status == 401) {
                    throw new StorageUnavailableException("Elasticsearch at " + url + " refused Logwarden's "
                            + "credentials (HTTP 401).",
                            "Check logwarden.elasticsearch.username/password or api-key.", e);
                }
                if (status == 403) {
                    throw new StorageUnavailableException("Elasticsearch at " + url + " accepted Logwarden's "
                            + "credentials but denied the node information request (HTTP 403).",
                            "Give that user or API key the cluster privilege monitor (and manage_index_templates).",
                            e);
                }
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    throw new StorageUnavailableException("The server at " + url + " answered GET /_nodes/_local "
                            + "with HTTP " + status + ", which Elasticsearch does not.",
                            "Check that logwarden.elasticsearch.url points at Elasticsearch itself.", e);
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

    private JsonNode readJson(HttpEntity entity) throws IOException {
        try {
            return JSON.readTree(entity.getContent());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The version of the answering node, or a clear error when the answer does not come from Elasticsearch. */
    private String nodeVersion(JsonNode answer) {
        JsonNode nodes = answer == null ? null : answer.path("nodes");
        if (nodes == null || !nodes.elements().hasNext()
                || !nodes.elements().next().path("version").isTextual()) {
            throw new StorageUnavailableException("The server at " + url + " answered, but not like Elasticsearch "
                    + "(no node version in its answer to GET /_nodes/_local).",
                    "Check that logwarden.elasticsearch.url points at Elasticsearch itself, not at a proxy page "
                            + "or another service.", null);
        }
        return nodes.elements().next().path("version").asText();
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
