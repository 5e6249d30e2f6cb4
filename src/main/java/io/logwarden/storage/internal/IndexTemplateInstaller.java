package io.logwarden.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
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
 * written only when the cluster has none of that name, an older {@code version}, or the same version with other
 * content (its SHA-256 is kept in {@code _meta.checksum}), so start-up is idempotent, an upgrade replaces what
 * changed, and a template edited without a version bump still reaches existing clusters. A newer version installed
 * by a newer Logwarden is left alone.
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
        byte[] file;
        try (InputStream in = resource.getInputStream()) {
            file = in.readAllBytes();
        }
        ObjectNode body = (ObjectNode) JSON.readTree(file);
        long wanted = body.path("version").asLong(0);
        String checksum = HexFormat.of().formatHex(sha256(file));
        Installed installed = installed(kind, name);
        boolean write = installed == null || installed.version() < wanted
                || (installed.version() == wanted && !checksum.equals(installed.checksum()));
        if (!write) {
            return false;
        }
        if (installed != null && installed.version() == wanted) {
            log.warn("Template {} changed without a version bump; reinstalling version {}", name, wanted);
        }
        body.withObject("_meta").put("checksum", checksum);
        Request put = new Request("PUT", "/" + kind.endpoint + "/" + name);
        put.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
        restClient.performRequest(put);
        log.info("Installed {} template {} version {} (was {})", kind.folder, name, wanted,
                installed == null ? "absent" : installed.version());
        return true;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the cluster holds of a template. */
    private record Installed(long version, String checksum) {
    }

    /** The installed template's version and checksum, null when there is none. */
    private Installed installed(Kind kind, String name) throws IOException {
        try {
            var response = restClient.performRequest(new Request("GET", "/" + kind.endpoint + "/" + name));
            JsonNode list = JSON.readTree(response.getEntity().getContent()).path(kind.listField);
            for (JsonNode entry : list) {
                if (name.equals(entry.path("name").asText())) {
                    JsonNode template = kind == Kind.COMPONENT ? entry.path("component_template")
                            : entry.path("index_template");
                    return new Installed(template.path("version").asLong(0),
                            template.path("_meta").path("checksum").asText(null));
                }
            }
            return null;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
