package io.logwarden.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Installs the templates of {@code es-mappings/} (component templates first, then index templates). A template is
 * written only when the cluster has none of that name or an older {@code version}, so start-up is idempotent and an
 * upgrade replaces what changed.
 */
final class IndexTemplateInstaller {

    private static final Logger log = LoggerFactory.getLogger(IndexTemplateInstaller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Kind of template: its folder in es-mappings/ and its REST endpoint. */
    enum Kind {
        COMPONENT("component", "_component_template", "component_templates"),
        INDEX("index", "_index_template", "index_templates");

        final String folder;
        final String endpoint;
        final String listField;

        Kind(String folder, String endpoint, String listField) {
            this.folder = folder;
            this.endpoint = endpoint;
            this.listField = listField;
        }
    }

    private final RestClient restClient;

    IndexTemplateInstaller(RestClient restClient) {
        this.restClient = restClient;
    }

    /** @return how many templates were written (0 when all were current) */
    int installAll() throws IOException {
        int written = 0;
        for (Kind kind : Kind.values()) {
            for (Resource resource : templates(kind)) {
                if (install(kind, resource)) {
                    written++;
                }
            }
        }
        return written;
    }

    private static List<Resource> templates(Kind kind) throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:es-mappings/" + kind.folder + "/*.json");
        return Arrays.stream(resources).sorted(Comparator.comparing(Resource::getFilename)).toList();
    }

    private boolean install(Kind kind, Resource resource) throws IOException {
        String name = resource.getFilename().replaceFirst("\\.json$", "");
        String body;
        try (InputStream in = resource.getInputStream()) {
            body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        long wanted = JSON.readTree(body).path("version").asLong(0);
        long installed = installedVersion(kind, name);
        if (installed >= wanted) {
            return false;
        }
        Request put = new Request("PUT", "/" + kind.endpoint + "/" + name);
        put.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        restClient.performRequest(put);
        log.info("Installed {} template {} version {} (was {})", kind.folder, name, wanted,
                installed < 0 ? "absent" : installed);
        return true;
    }

    /** Version of the installed template, -1 when there is none. */
    private long installedVersion(Kind kind, String name) throws IOException {
        try {
            var response = restClient.performRequest(new Request("GET", "/" + kind.endpoint + "/" + name));
            JsonNode list = JSON.readTree(response.getEntity().getContent()).path(kind.listField);
            for (JsonNode entry : list) {
                if (name.equals(entry.path("name").asText())) {
                    JsonNode template = kind == Kind.COMPONENT ? entry.path("component_template")
                            : entry.path("index_template");
                    return template.path("version").asLong(0);
                }
            }
            return -1;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return -1;
            }
            throw e;
        }
    }
}
