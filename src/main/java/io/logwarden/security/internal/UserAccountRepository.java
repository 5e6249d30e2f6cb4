package io.logwarden.security.internal;

import io.logwarden.security.SecurityProperties;
import io.logwarden.security.UserAccount;
import io.logwarden.security.UserAccountChanged;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;

/**
 * User accounts in the {@code .logwarden-users} system index, keyed by username, each read kept for
 * {@code logwarden.security.account-cache-ttl} so that a request does not cost an Elasticsearch read. A change made
 * through {@code UserService} on this instance drops the cached copy at once ({@link UserAccountChanged}); one made
 * on another instance is seen when the copy expires.
 */
@Repository
public class UserAccountRepository {

    static final int MAX_CACHED = 10_000;

    private final DocumentStore store;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<UserAccount> account, Instant until) {
    }

    @Autowired
    public UserAccountRepository(DocumentStore store, SecurityProperties properties) {
        this(store, properties.accountCacheTtl(), Clock.systemUTC());
    }

    public UserAccountRepository(DocumentStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The account as stored, at most {@code account-cache-ttl} old. */
    public Optional<UserAccount> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        if (ttl.isZero()) {
            return store.find(IndexNames.USERS, username, UserAccount.class);
        }
        Instant now = clock.instant();
        Cached cached = cache.get(username);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.account();
        }
        Optional<UserAccount> account = store.find(IndexNames.USERS, username, UserAccount.class);
        if (cache.size() >= MAX_CACHED) {
            cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
        }
        if (cache.size() < MAX_CACHED) {
            cache.put(username, new Cached(account, now.plus(ttl)));
        }
        return account;
    }

    /** The account read from Elasticsearch now, bypassing the cache. */
    public Optional<UserAccount> findFresh(String username) {
        invalidate(username);
        return find(username);
    }

    boolean createIfAbsent(UserAccount account) {
        invalidate(account.username());
        return store.create(IndexNames.USERS, account.username(), account);
    }

    public void invalidate(String username) {
        cache.remove(username);
    }

    @EventListener
    void accountChanged(UserAccountChanged event) {
        invalidate(event.username());
    }
}
