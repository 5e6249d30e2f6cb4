package io.logwarden.storage;

import io.logwarden.storage.VersionedDocumentStore.Version;
import io.logwarden.storage.VersionedDocumentStore.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lease on a job that only one of several application instances may run at a time (e.g. the anomaly detector
 * cycle), kept as one document in {@code .logwarden-leases} and only ever written with optimistic concurrency: an
 * instance takes the lease when there is none, when it has expired, or when it already holds it, and a concurrent
 * taker's write fails on the version check. The holder renews it before each run; if it dies, another instance takes
 * over once the lease has expired.
 */
public final class SingletonLease {

    public static final String INDEX = ".logwarden-leases";

    /**
     * The lease document.
     *
     * @param name       what the lease is for
     * @param owner      instance holding it
     * @param expiresAt  after this another instance may take it
     * @param acquiredAt when the current owner took it
     */
    public record State(String name, String owner, Instant expiresAt, Instant acquiredAt) {
    }

    /**
     * Outcome of {@link #acquire}.
     *
     * @param held      this instance holds the lease now
     * @param takenOver this instance did not hold it before this call (state others kept may be newer than its own)
     * @param holder    the current holder (this instance or another), if any
     */
    public record Outcome(boolean held, boolean takenOver, Optional<State> holder) {
    }

    private final VersionedDocumentStore store;
    private final String name;
    private final String owner;
    private final Duration duration;
    private Instant heldUntil;

    public SingletonLease(VersionedDocumentStore store, String name, String owner, Duration duration) {
        this.store = Objects.requireNonNull(store);
        this.name = Objects.requireNonNull(name);
        this.owner = Objects.requireNonNull(owner);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("lease duration must be positive");
        }
        this.duration = duration;
    }

    public String owner() {
        return owner;
    }

    /** Takes or renews the lease at {@code now}. */
    public synchronized Outcome acquire(Instant now) {
        boolean heldBefore = holds(now);
        Optional<Versioned<State>> current = store.get(INDEX, name, State.class);
        if (current.isEmpty()) {
            State mine = new State(name, owner, now.plus(duration), now);
            return result(store.create(INDEX, name, mine), mine, heldBefore, Optional.empty());
        }
        State s = current.get().document();
        boolean ours = owner.equals(s.owner());
        if (!ours && s.expiresAt() != null && s.expiresAt().isAfter(now)) {
            heldUntil = null;
            return new Outcome(false, false, Optional.of(s));
        }
        boolean continuing = ours && heldBefore;
        State mine = new State(name, owner, now.plus(duration), continuing ? s.acquiredAt() : now);
        return result(store.replace(INDEX, name, mine, current.get().version()), mine, continuing,
                Optional.of(s));
    }

    private Outcome result(Optional<Version> written, State mine, boolean heldBefore, Optional<State> before) {
        if (written.isEmpty()) {
            heldUntil = null;
            return new Outcome(false, false, store.get(INDEX, name, State.class).map(Versioned::document)
                    .or(() -> before));
        }
        heldUntil = mine.expiresAt();
        return new Outcome(true, !heldBefore, Optional.of(mine));
    }

    /**
     * Extends the lease only if this instance still owns it (no other instance has taken it since), e.g. before
     * writing state that only the holder may write. Never takes a lease this instance does not hold.
     */
    public synchronized boolean renew(Instant now) {
        Optional<Versioned<State>> current = store.get(INDEX, name, State.class);
        if (current.isEmpty() || !owner.equals(current.get().document().owner()) || heldUntil == null) {
            heldUntil = null;
            return false;
        }
        State mine = new State(name, owner, now.plus(duration), current.get().document().acquiredAt());
        Optional<Version> written = store.replace(INDEX, name, mine, current.get().version());
        heldUntil = written.isPresent() ? mine.expiresAt() : null;
        return written.isPresent();
    }

    /** Whether this instance's last acquire succeeded and has not expired by {@code now}. */
    public synchronized boolean holds(Instant now) {
        return heldUntil != null && heldUntil.isAfter(now);
    }

    /** Gives the lease up (expires it at once) if this instance holds it, so another can take over without waiting. */
    public synchronized void release() {
        if (heldUntil == null) {
            return;
        }
        heldUntil = null;
        store.get(INDEX, name, State.class).ifPresent(v -> {
            if (owner.equals(v.document().owner())) {
                store.replace(INDEX, name, new State(name, owner, Instant.EPOCH, v.document().acquiredAt()),
                        v.version());
            }
        });
    }

    /** The lease document as stored, if any. */
    public Optional<State> current() {
        return store.get(INDEX, name, State.class).map(Versioned::document);
    }
}
