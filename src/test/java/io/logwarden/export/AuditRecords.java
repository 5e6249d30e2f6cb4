package io.logwarden.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads Logwarden's own audit trail ({@code logwarden-audit-*}) straight from Elasticsearch, for assertions. */
public final class AuditRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditRecords() {
    }

    /** The audit records of {@code action}, newest first, optionally about one target id; waits for at least one. */
    public static List<JsonNode> await(RestClient rest, String action, String targetId) {
        List<JsonNode> found = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            found.clear();
            found.addAll(find(rest, action, targetId));
            return !found.isEmpty();
        });
        return found;
    }

    public static List<JsonNode> find(RestClient rest, String action, String targetId) {
        try {
            rest.performRequest(new Request("POST", "/logwarden-audit-*/_refresh"));
            ObjectNode query = JSON.createObjectNode();
            var filters = query.putObject("query").putObject("bool").putArray("filter");
            filters.addObject().putObject("term").put("event.action", action);
            if (targetId != null) {
                filters.addObject().putObject("term").put("audit.entity.id", targetId);
            }
            query.put("size", 100);
            query.putArray("sort").addObject().put("@timestamp", "desc");
            Request request = new Request("POST", "/logwarden-audit-*/_search");
            request.addParameter("ignore_unavailable", "true");
            request.setEntity(new NStringEntity(JSON.writeValueAsString(query), ContentType.APPLICATION_JSON));
            JsonNode hits = JSON.readTree(new String(rest.performRequest(request).getEntity().getContent()
                    .readAllBytes(), StandardCharsets.UTF_8)).path("hits").path("hits");
            List<JsonNode> records = new ArrayList<>();
            hits.forEach(hit -> records.add(hit.path("_source")));
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
