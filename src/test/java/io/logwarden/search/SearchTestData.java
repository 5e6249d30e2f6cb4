package io.logwarden.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.security.AccessScope;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.TestElasticsearch;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A fixed, deterministic data set in a past window (so it cannot collide with other tests' "now" events):
 * {@link #EVENTS} events from {@link #START}, three per second so many share a timestamp, over two UTC days.
 * Re-seeding is idempotent (explicit ids).
 */
final class SearchTestData {

    static final Instant START = Instant.parse("2020-03-01T23:30:00Z");
    static final int EVENTS = 12_345;
    static final Instant END = START.plusSeconds(EVENTS / 3 + 1);
    static final List<String> SERVICES = List.of("shop", "billing", "auth");
    static final List<String> LEVELS = List.of("info", "info", "info", "warn", "error");
    static final String PASSWORD = "search-IT-pass-1";
    private static boolean seeded;

    private SearchTestData() {
    }

    static Instant timestamp(int i) {
        return START.plusSeconds(i / 3);
    }

    static String service(int i) {
        return SERVICES.get(i % 3);
    }

    static String organization(int i) {
        return i % 4 == 0 ? "globex" : "acme";
    }

    static String level(int i) {
        return LEVELS.get(i % 5);
    }

    static String id(int i) {
        return "search-it-" + i;
    }

    /** Call once the application has started (its index templates must be installed first). */
    static synchronized void seed() {
        if (seeded) {
            return;
        }
        HttpTestClient elasticsearch = new HttpTestClient(TestElasticsearch.url());
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            Instant at = timestamp(i);
            bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(at)).append("\",\"_id\":\"")
                    .append(id(i)).append("\"}}\n")
                    .append("{\"@timestamp\":\"").append(at).append("\",\"message\":\"")
                    .append(i % 10 == 0 ? "payment failed for order " + i : "order " + i + " shipped")
                    .append("\",\"log\":{\"level\":\"").append(level(i)).append("\"}")
                    .append(",\"service\":{\"name\":\"").append(service(i)).append("\"}")
                    .append(",\"host\":{\"name\":\"host-").append(i % 2).append("\"}")
                    .append(",\"organization\":{\"id\":\"").append(organization(i)).append("\"}")
                    .append(",\"user\":{\"email\":\"user").append(i % 7).append("@example.com\"}")
                    .append(",\"event\":{\"duration\":").append(i * 1000L).append("}")
                    .append(",\"labels\":{\"batch\":\"b").append(i % 2).append("\"}}\n");
        }
        var response = elasticsearch.post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"errors\":false").doesNotContain("\"errors\":true");
        seeded = true;
    }

    static void user(DocumentStore store, PasswordEncoder encoder, String name, String role, AccessScope scope) {
        store.save(IndexNames.USERS, name, new UserAccount(name, encoder.encode(PASSWORD), Set.of(role), scope, true,
                Instant.now()));
    }
}
