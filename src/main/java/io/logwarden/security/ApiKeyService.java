package io.logwarden.security;

import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.StorageUnavailableException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source API keys for ingest. A key is {@code lw_<id>_<secret>}; the {@code .logwarden-api-keys} index stores
 * the id and SHA-256 of the 256-bit random secret (a slow password hash adds nothing for random secrets and would
 * cost CPU on every request). Verified keys are cached briefly; a revocation is immediate on this instance and
 * reaches other instances within {@link #CACHE_TTL}. While Elasticsearch is unavailable a key verified earlier stays
 * valid, so HTTP ingest keeps journalling through an outage of any length.
 */
@Service
public class ApiKeyService {

    /** System index of API keys. */
    public static final String INDEX = ".logwarden-api-keys";
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final String PREFIX = "lw_";

    private final DocumentStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    @org.springframework.beans.factory.annotation.Autowired
    public ApiKeyService(DocumentStore store, ApplicationEventPublisher events) {
        this(store, Clock.systemUTC(), events);
    }

    ApiKeyService(DocumentStore store, Clock clock) {
        this(store, clock, event -> { });
    }

    ApiKeyService(DocumentStore store, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    /** How a key is stored. */
    public record StoredApiKey(String id, String name, String secretSha256, Instant created, String createdBy,
                               Instant revoked) {
        ApiKey toApiKey() {
            return new ApiKey(id, name, created, createdBy, revoked);
        }
    }

    private record Cached(ApiKey key, String secretHash, Instant until) {
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    public CreatedApiKey create(String name, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("an API key needs a name of 1 to 200 characters");
        }
        byte[] idBytes = new byte[9];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        StoredApiKey stored = new StoredApiKey(id, name.strip(), sha256(secret), clock.instant(), createdBy, null);
        if (!store.create(INDEX, id, stored)) {
            throw new IllegalStateException("API key id collision; try again");
        }
        events.publishEvent(new ApiKeyChanged("apikey.create", id, stored.name()));
        return new CreatedApiKey(stored.toApiKey(), PREFIX + id + "_" + secret);
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    public List<ApiKey> list() {
        return store.findAll(INDEX, StoredApiKey.class, 10_000).stream().map(StoredApiKey::toApiKey)
                .sorted(Comparator.comparing(ApiKey::created).reversed()).toList();
    }

    /** Revokes the key; returns false if there is no such key. Revoking twice keeps the first time. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    public boolean revoke(String id) {
        Optional<StoredApiKey> found = store.find(INDEX, id, StoredApiKey.class);
        if (found.isEmpty()) {
            return false;
        }
        StoredApiKey key = found.get();
        if (key.revoked() == null) {
            store.save(INDEX, id, new StoredApiKey(key.id(), key.name(), key.secretSha256(), key.created(),
                    key.createdBy(), clock.instant()));
            events.publishEvent(new ApiKeyChanged("apikey.revoke", id, key.name()));
        }
        cache.values().removeIf(c -> c.key().id().equals(id));
        return true;
    }

    /** The active key matching a presented value ({@code lw_<id>_<secret>}), if any. */
    public Optional<ApiKey> verify(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int sep = presented.indexOf('_', PREFIX.length());
        if (sep < 0 || sep == presented.length() - 1) {
            return Optional.empty();
        }
        String id = presented.substring(PREFIX.length(), sep);
        String hash = sha256(presented.substring(sep + 1));
        Instant now = clock.instant();
        Cached cached = cache.get(id);
        if (cached != null && cached.until().isAfter(now)) {
            return matches(cached.secretHash(), hash) ? Optional.of(cached.key()) : Optional.empty();
        }
        if (!id.matches("[0-9a-f]{1,64}")) {
            return Optional.empty();
        }
        Optional<StoredApiKey> stored;
        try {
            stored = store.find(INDEX, id, StoredApiKey.class);
        } catch (StorageUnavailableException e) {
            if (cached == null) {
                throw e;
            }
            // Elasticsearch is down: ingest must keep journalling, so a key verified before stays good until it is back
            return matches(cached.secretHash(), hash) ? Optional.of(cached.key()) : Optional.empty();
        }
        if (stored.isEmpty() || stored.get().revoked() != null) {
            cache.remove(id);
            return Optional.empty();
        }
        cache.put(id, new Cached(stored.get().toApiKey(), stored.get().secretSha256(), now.plus(CACHE_TTL)));
        return matches(stored.get().secretSha256(), hash) ? Optional.of(stored.get().toApiKey()) : Optional.empty();
    }

    private static boolean matches(String expectedHex, String actualHex) {
        return MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII),
                actualHex.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
