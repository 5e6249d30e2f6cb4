package io.logwarden.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers username+password pairs that passed the slow password hash, for a short time, so that an API client
 * sending HTTP Basic on every request pays bcrypt once per {@code basic-auth-cache-ttl} rather than per request.
 * Keys are a SHA-256 of a per-process random salt, the username and the password: the password itself is never
 * kept. An entry also remembers the stored hash it was verified against, so a password changed elsewhere no longer
 * matches once the account is re-read.
 */
final class VerifiedPasswordCache {

    static final int MAX_ENTRIES = 10_000;

    private final Duration ttl;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    record Entry(String username, String passwordHash, Instant until) {
    }

    VerifiedPasswordCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    boolean enabled() {
        return !ttl.isZero();
    }

    /** The entry for this pair while it is fresh. */
    Optional<Entry> find(String username, String password) {
        if (!enabled() || username == null || password == null) {
            return Optional.empty();
        }
        String key = key(username, password);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.until())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    void remember(String username, String password, String passwordHash) {
        if (!enabled() || password == null || passwordHash == null) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= MAX_ENTRIES) {
                return;
            }
        }
        entries.put(key(username, password), new Entry(username, passwordHash, now.plus(ttl)));
    }

    void forget(String username) {
        entries.values().removeIf(e -> e.username().equals(username));
    }

    int size() {
        return entries.size();
    }

    private String key(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
