package io.logwarden.audit.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.ChainVerification;
import io.logwarden.audit.ChainVerification.BrokenLink;
import io.logwarden.storage.AuditTrailStore;
import io.logwarden.storage.IndexNames;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends records to the per-day hash chain and verifies it. Features do not call it directly: {@link AuditWriter}
 * appends in the background, in the order records were submitted. Between instances, each link is created under the
 * id of its sequence number, so a second writer gets a conflict, reads the record that won and retries on top of
 * it: the chain never forks (see docs/decisions/051).
 */
@Component
public class AuditChain {

    private static final int MAX_ATTEMPTS = 50;

    private final AuditTrailStore store;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private Head head;

    @Autowired
    public AuditChain(AuditTrailStore store) {
        this(store, Clock.systemUTC());
    }

    AuditChain(AuditTrailStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private record Head(LocalDate day, long sequence, String hash) {
    }

    /** Builds and appends the record at once, in the caller's thread (tests and tools; features use the writer). */
    public void append(AuditEntry entry) {
        append(prepare(entry));
    }

    /**
     * The record of an entry as it will be stored, stamped now: actor and client address are taken from the calling
     * thread (its authentication and HTTP request), so this must run where the action happened.
     */
    public Map<String, Object> prepare(AuditEntry entry) {
        Map<String, Object> record = document(entry);
        record.put("@timestamp", clock.instant().toString());
        return record;
    }

    /**
     * Chains a prepared record into the chain of its {@code @timestamp}'s UTC day and stores it. Appends are serialised
     * within the JVM; another instance appending the same link first makes this one retry on top of it.
     */
    public void append(Map<String, Object> prepared) {
        Map<String, Object> record = new LinkedHashMap<>(prepared);
        record.remove("chain");
        Instant at = Instant.parse(String.valueOf(record.get("@timestamp")));
        lock.lock();
        try {
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            String index = IndexNames.daily(IndexNames.AUDIT, at);
            Head current = head != null && head.day().equals(day) ? head : findHead(index, day);
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                long sequence = current.sequence() + 1;
                record.put("chain", new LinkedHashMap<>(Map.of("sequence", sequence,
                        "previous_hash", current.hash())));
                String hash = ChainHash.of(record);
                chainOf(record).put("hash", hash);
                if (store.create(index, ChainHash.id(sequence), record)) {
                    head = new Head(day, sequence, hash);
                    return;
                }
                current = findHead(index, day); // another instance appended this link first
                record.remove("chain");
            }
            head = null;
            throw new IllegalStateException("Could not append to the audit chain of " + day + " after "
                    + MAX_ATTEMPTS + " attempts");
        } catch (RuntimeException e) {
            head = null; // re-read the head next time rather than trust a cache that may be stale
            throw e;
        } finally {
            lock.unlock();
        }
    }

    public ChainVerification verify(LocalDate from, LocalDate to) {
        long checked = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            ChainVerifier verifier = new ChainVerifier(day);
            store.forEachInSequence(IndexNames.daily(IndexNames.AUDIT, day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                    verifier);
            checked += verifier.checked();
            Optional<BrokenLink> broken = verifier.firstBroken();
            if (broken.isPresent()) {
                return new ChainVerification(from, to, false, checked, broken.get());
            }
        }
        return new ChainVerification(from, to, true, checked, null);
    }

    /** The last link of the day: the highest searchable sequence, then forward by real-time gets. */
    private Head findHead(String index, LocalDate day) {
        long sequence = store.highestSequence(index).orElse(0);
        while (store.get(index, ChainHash.id(sequence + 1)).isPresent()) {
            sequence++;
        }
        return sequence == 0 ? new Head(day, 0, ChainHash.GENESIS) : headAt(index, day, sequence);
    }

    private Head headAt(String index, LocalDate day, long sequence) {
        Map<String, Object> stored = store.get(index, ChainHash.id(sequence))
                .orElseThrow(() -> new IllegalStateException("Audit record " + sequence + " of " + day + " vanished"));
        Object hash = stored.get("chain") instanceof Map<?, ?> chain ? chain.get("hash") : null;
        Head found = new Head(day, sequence, String.valueOf(hash));
        // a writer may have appended further links meanwhile
        return store.get(index, ChainHash.id(sequence + 1)).isPresent() ? findHead(index, day) : found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chainOf(Map<String, Object> record) {
        return (Map<String, Object>) record.get("chain");
    }

    private static Map<String, Object> document(AuditEntry entry) {
        Map<String, Object> record = new LinkedHashMap<>();
        String actor = entry.actor() != null ? entry.actor() : currentUser();
        String sourceIp = entry.sourceIp() != null ? entry.sourceIp() : currentClientAddress();
        record.put("message", (actor == null ? "system" : actor) + " " + entry.action()
                + (entry.targetId() == null ? "" : " " + entry.targetId()) + ": " + entry.outcome());
        record.put("event", Map.of("kind", "event", "action", entry.action(), "category", entry.category(),
                "outcome", entry.outcome(), "dataset", "logwarden.audit"));
        record.put("service", Map.of("name", "logwarden"));
        if (actor != null) {
            record.put("user", Map.of("name", actor));
        }
        if (sourceIp != null) {
            record.put("source", Map.of("ip", sourceIp));
        }
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("source", actor == null ? "system" : "user");
        audit.put("status", entry.outcome());
        Map<String, Object> entity = new LinkedHashMap<>();
        if (entry.targetType() != null) {
            entity.put("type", entry.targetType());
        }
        if (entry.targetId() != null) {
            entity.put("id", entry.targetId());
        }
        if (!entity.isEmpty()) {
            audit.put("entity", entity);
        }
        record.put("audit", audit);
        record.put("details", entry.details());
        return (Map<String, Object>) new LinkedHashMap<>((Map<String, Object>) CanonicalJson.normalise(record));
    }

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || "anonymousUser".equals(authentication.getPrincipal())) {
            return null;
        }
        return authentication.getName();
    }

    private static String currentClientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
