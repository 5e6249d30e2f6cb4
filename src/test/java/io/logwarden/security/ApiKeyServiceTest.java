package io.logwarden.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.StorageUnavailableException;
import io.logwarden.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyServiceTest {

    /** An in-memory DocumentStore that round-trips through JSON like the Elasticsearch one. */
    static final class InMemoryStore implements DocumentStore {
        private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        final Map<String, String> docs = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public <T> void save(String index, String id, T document) {
            docs.put(index + "/" + id, write(document));
        }

        @Override
        public <T> boolean create(String index, String id, T document) {
            return docs.putIfAbsent(index + "/" + id, write(document)) == null;
        }

        @Override
        public <T> Optional<T> find(String index, String id, Class<T> type) {
            if (down) {
                throw new StorageUnavailableException("Elasticsearch request failed: Connection refused",
                        "retry later", null);
            }
            return Optional.ofNullable(docs.get(index + "/" + id)).map(s -> read(s, type));
        }

        @Override
        public <T> List<T> findAll(String index, Class<T> type, int max) {
            List<T> out = new ArrayList<>();
            docs.forEach((k, v) -> {
                if (k.startsWith(index + "/")) {
                    out.add(read(v, type));
                }
            });
            return out;
        }

        @Override
        public void delete(String index, String id) {
            docs.remove(index + "/" + id);
        }

        private String write(Object o) {
            try {
                return json.writeValueAsString(o);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private <T> T read(String s, Class<T> type) {
            try {
                return json.readValue(s, type);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final InMemoryStore store = new InMemoryStore();
    private final ApiKeyService service = new ApiKeyService(store,
            Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void created_key_verifies_and_only_its_hash_is_stored() {
        CreatedApiKey created = service.create("billing-service", "admin");
        // lw_<hex id>_<secret>: the secret is base64url and may itself contain '_'
        String secret = created.value().substring(created.value().indexOf('_', "lw_".length()) + 1);

        assertThat(created.value()).startsWith("lw_" + created.key().id() + "_");
        assertThat(service.verify(created.value())).contains(created.key());
        assertThat(store.docs.values()).singleElement().asString()
                .doesNotContain(secret).contains("secretSha256").contains("billing-service");
    }

    @Test
    void wrong_or_malformed_keys_do_not_verify() {
        CreatedApiKey created = service.create("billing-service", "admin");
        assertThat(service.verify(created.value() + "x")).isEmpty();
        assertThat(service.verify(created.value().replace("lw_", "xx_"))).isEmpty();
        assertThat(service.verify("lw_" + created.key().id() + "_")).isEmpty();
        assertThat(service.verify("lw_nothex!_abc")).isEmpty();
        assertThat(service.verify(null)).isEmpty();
    }

    @Test
    void revoked_key_stops_verifying_at_once_even_when_cached() {
        CreatedApiKey created = service.create("billing-service", "admin");
        assertThat(service.verify(created.value())).isPresent();

        assertThat(service.revoke(created.key().id())).isTrue();

        assertThat(service.verify(created.value())).isEmpty();
        assertThat(service.list()).singleElement().satisfies(k -> assertThat(k.isActive()).isFalse());
        assertThat(service.revoke("unknown")).isFalse();
    }

    @Test
    void a_key_verified_before_an_outage_stays_valid_past_the_cache_ttl_while_elasticsearch_is_down() {
        Instant start = Instant.parse("2026-11-22T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        ApiKeyService ticking = new ApiKeyService(store, clock);
        CreatedApiKey created = ticking.create("billing-service", "admin");
        CreatedApiKey neverSeen = ticking.create("other-service", "admin");
        assertThat(ticking.verify(created.value())).isPresent();

        store.down = true;
        clock.set(start.plus(ApiKeyService.CACHE_TTL).plus(Duration.ofHours(2)));

        assertThat(ticking.verify(created.value())).contains(created.key());
        assertThat(ticking.verify(created.value() + "x")).isEmpty();
        assertThatThrownBy(() -> ticking.verify(neverSeen.value()))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void refuses_a_blank_name() {
        assertThatThrownBy(() -> service.create(" ", "admin")).isInstanceOf(IllegalArgumentException.class);
    }
}
