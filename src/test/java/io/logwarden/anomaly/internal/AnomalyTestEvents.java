package io.logwarden.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.logwarden.storage.IndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ECS events for the anomaly integration tests, indexed straight into the daily event indices. */
final class AnomalyTestEvents {

    private AnomalyTestEvents() {
    }

    /**
     * One application event.
     *
     * @param durationMillis {@code event.duration} in ms, NaN for none
     * @param tenant         {@code organization.id}, null for none
     */
    static Map<String, Object> event(Instant at, String service, String host, String level, String action,
                                     double durationMillis, String userId, String tenant) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", at.toString());
        e.put("message", "test event");
        e.put("log", Map.of("level", level));
        e.put("service", Map.of("name", service));
        e.put("host", Map.of("name", host));
        if (userId != null) {
            e.put("user", Map.of("id", userId));
        }
        if (tenant != null) {
            e.put("organization", Map.of("id", tenant));
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        if (action != null) {
            ev.put("action", action);
        }
        if (!Double.isNaN(durationMillis)) {
            ev.put("duration", Math.round(durationMillis * 1_000_000));
        }
        if (!ev.isEmpty()) {
            e.put("event", ev);
        }
        return e;
    }

    /** A {@code job.*} event of a run. */
    static Map<String, Object> job(Instant at, String service, String host, String name, String id, String state) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", at.toString());
        e.put("message", "job " + state);
        e.put("log", Map.of("level", "info"));
        e.put("service", Map.of("name", service));
        e.put("host", Map.of("name", host));
        e.put("job", Map.of("id", id, "name", name, "state", state));
        return e;
    }

    /** Indexes the events into their daily indices and refreshes. */
    @SuppressWarnings("unchecked")
    static void bulk(ElasticsearchClient client, List<Map<String, Object>> events) {
        try {
            for (int from = 0; from < events.size(); from += 5000) {
                BulkRequest.Builder b = new BulkRequest.Builder();
                for (Map<String, Object> e : events.subList(from, Math.min(events.size(), from + 5000))) {
                    Instant at = Instant.parse((String) e.get("@timestamp"));
                    b.operations(o -> o.index(i -> i.index(IndexNames.eventsIndex(at)).document(e)));
                }
                BulkResponse response = client.bulk(b.build());
                assertThat(response.errors()).as("bulk errors").isFalse();
            }
            client.indices().refresh(r -> r.index(IndexNames.pattern(IndexNames.EVENTS)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
