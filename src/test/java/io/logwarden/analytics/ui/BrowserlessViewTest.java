package io.logwarden.analytics.ui;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import com.vaadin.browserless.SpringBrowserlessTest;
import io.logwarden.storage.IndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Base of the analytics views' browserless tests: views load in the background and push their data with
 * {@code ui.access}, which the simulated UI runs at a round trip; {@link #await} makes round trips until the view
 * shows what the test waits for. {@link #seed} writes events of the last half hour for one service.
 */
abstract class BrowserlessViewTest extends SpringBrowserlessTest {

    protected static void await(String what, BooleanSupplier shown) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            roundTrip();
            if (shown.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * {@code count} events of {@code service} over the last half hour, every fifth an error (the rest info), actions
     * a and b alternating, users u0 .. u2; plus the given extra fields on every event.
     */
    protected static void seed(ElasticsearchClient client, String service, int count, Map<String, Object> extra)
            throws IOException {
        Instant now = Instant.now();
        BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> event = new HashMap<>(extra);
            Instant at = now.minus(Duration.ofSeconds(30 + (long) i * 1800 / count));
            event.put("@timestamp", at.toString());
            event.put("message", "view test event " + i + " of " + service);
            event.put("log", Map.of("level", i % 5 == 0 ? "error" : "info"));
            event.put("service", Map.of("name", service));
            event.put("event", Map.of("action", i % 2 == 0 ? "a" : "b", "duration", (i + 1) * 1_000_000L));
            event.put("user", Map.of("name", "u" + i % 3));
            event.put("audit", Map.of("source", i % 2 == 0 ? "user" : "system", "status", "success"));
            events.add(event);
        }
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> event = events.get(i);
            Instant at = Instant.parse((String) event.get("@timestamp"));
            String id = service + "-" + i;
            bulk.operations(o -> o.index(x -> x.index(IndexNames.eventsIndex(at)).id(id).document(event)));
        }
        if (client.bulk(bulk.build()).errors()) {
            throw new IllegalStateException("Seeding view test events failed");
        }
    }
}
