package io.logwarden.security.internal;

import io.logwarden.security.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username and client address and locks the pair out after too many: the first lock-out
 * lasts {@code lockout}, each further one of the same pair twice as long, up to {@code maxLockout}. A successful
 * login clears the pair. In memory, per instance: with several instances an attacker gets N tries per instance.
 */
final class LoginThrottle {

    static final int MAX_TRACKED = 100_000;

    private final SecurityProperties.Login settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, Attempts> attempts = new ConcurrentHashMap<>();

    LoginThrottle(SecurityProperties.Login settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    private record Attempts(int failures, Instant firstFailure, int lockouts, Instant lockedUntil) {
    }

    /** When the pair is locked out, until when. */
    Optional<Instant> lockedUntil(String username, String address) {
        Attempts a = attempts.get(key(username, address));
        Instant now = clock.instant();
        return a != null && a.lockedUntil() != null && now.isBefore(a.lockedUntil())
                ? Optional.of(a.lockedUntil()) : Optional.empty();
    }

    /** Records a failure; returns the lock-out it started, if this failure started one. */
    Optional<Duration> failed(String username, String address) {
        Instant now = clock.instant();
        if (attempts.size() > MAX_TRACKED) {
            prune(now);
        }
        Duration[] started = new Duration[1];
        attempts.compute(key(username, address), (k, a) -> {
            if (a == null && settings.maxFailures() > 1) {
                return new Attempts(1, now, 0, null);
            }
            if (a == null) {
                a = new Attempts(0, now, 0, null);
            }
            boolean windowOver = a.firstFailure().plus(settings.window()).isBefore(now)
                    && (a.lockedUntil() == null || a.lockedUntil().isBefore(now));
            int failures = windowOver ? 1 : a.failures() + 1;
            Instant first = windowOver ? now : a.firstFailure();
            if (failures >= settings.maxFailures()) {
                int lockouts = a.lockouts() + 1;
                started[0] = lockout(lockouts);
                return new Attempts(0, now, lockouts, now.plus(started[0]));
            }
            return new Attempts(failures, first, a.lockouts(), a.lockedUntil());
        });
        return Optional.ofNullable(started[0]);
    }

    void succeeded(String username, String address) {
        attempts.remove(key(username, address));
    }

    private Duration lockout(int lockouts) {
        Duration duration = settings.lockout();
        for (int i = 1; i < lockouts && duration.compareTo(settings.maxLockout()) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(settings.maxLockout()) > 0 ? settings.maxLockout() : duration;
    }

    private void prune(Instant now) {
        Duration keep = settings.window().plus(settings.maxLockout());
        attempts.entrySet().removeIf(e -> e.getValue().firstFailure().plus(keep).isBefore(now));
    }

    private static String key(String username, String address) {
        return String.valueOf(username).toLowerCase(java.util.Locale.ROOT) + "\u0000" + address;
    }
}
