package io.logwarden.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Bulk-loads test events straight through the low-level client, one large NDJSON body per request. */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEvents() {
    }

    /** A generated event; {@code trace.id} is unique per row and is what tests count. */
    public static Map<String, Object> event(Instant timestamp, String traceId, String org, String service,
                                            String userId, String email, String message) {
        return Map.of("@timestamp", timestamp.toString(), "message", message, "trace", Map.of("id", traceId),
                "organization", Map.of("id", org), "service", Map.of("name", service), "log", Map.of("level", "info"),
                "user", Map.of("id", userId, "email", email, "name", "Name of " + userId),
                "source", Map.of("ip", "10.0.0.1"));
    }

    /** Indexes {@code documents} (id → source) into {@code index} in batches and refreshes it. */
    public static void load(RestClient client, String index, List<Map.Entry<String, Map<String, Object>>> documents) {
        int batch = 20_000;
        try {
            for (int start = 0; start < documents.size(); start += batch) {
                StringBuilder body = new StringBuilder(batch * 300);
                for (var doc : documents.subList(start, Math.min(documents.size(), start + batch))) {
                    body.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"")
                            .append(doc.getKey()).append("\"}}\n")
                            .append(JSON.writeValueAsString(doc.getValue())).append('\n');
                }
                Request request = new Request("POST", "/_bulk");
                request.setEntity(new NByteArrayEntity(body.toString().getBytes(StandardCharsets.UTF_8),
                        ContentType.create("application/x-ndjson")));
                Response response = client.performRequest(request);
                String answer = new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
                if (answer.startsWith("{\"errors\":true") || answer.contains("\"errors\":true")) {
                    throw new IllegalStateException("Bulk load failed: " + answer.substring(0,
                            Math.min(2000, answer.length())));
                }
            }
            client.performRequest(new Request("POST", "/" + index + "/_refresh"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of documents in an index (0 when it does not exist). */
    public static long count(RestClient client, String index) {
        try {
            Request request = new Request("GET", "/" + index + "/_count");
            request.addParameter("ignore_unavailable", "true");
            Response response = client.performRequest(request);
            return JSON.readTree(response.getEntity().getContent()).path("count").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
