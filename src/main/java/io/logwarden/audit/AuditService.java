package io.logwarden.audit;

import io.logwarden.audit.internal.AuditChain;
import io.logwarden.audit.internal.AuditWriter;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopedSearch;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.PiiMasker;
import io.logwarden.security.Roles;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Logwarden's own audit trail: every feature records what users did through {@link #record}; records are chained
 * per UTC day by SHA-256 so that a changed or removed record shows in {@link #verify}. Recording is cheap: the record
 * is prepared in the caller's thread and written in the background, in order ({@link #recordDurably} waits for it).
 */
@Service
public class AuditService {

    /** How long {@link #recordDurably} waits for the record to be stored. */
    static final Duration DURABLE_TIMEOUT = Duration.ofSeconds(30);

    private final AuditChain chain;
    private final AuditWriter writer;
    private final ScopedSearch search;
    private final AccessService access;
    private final PiiMasker masker;

    public AuditService(AuditChain chain, AuditWriter writer, ScopedSearch search, AccessService access,
                        PiiMasker masker) {
        this.chain = chain;
        this.writer = writer;
        this.search = search;
        this.access = access;
        this.masker = masker;
    }

    /** Records a successful action of the current user on {@code target} (may be null). */
    public void record(String action, String target, Map<String, ?> details) {
        record(AuditEntry.of(action, target, details));
    }

    /**
     * Queues the entry for the trail and returns at once; actor, client address and time are taken now. Records are
     * written in the order they were recorded, retried until stored, and written on shutdown.
     *
     * @throws IllegalStateException when the trail has fallen so far behind that its queue is full (the action that
     *                               needed auditing should then fail too)
     */
    public void record(AuditEntry entry) {
        writer.submit(entry);
    }

    /**
     * Records the entry and waits until it is stored: for changes that must not happen unaudited (users, keys).
     *
     * @throws IllegalStateException when it could not be stored in time
     */
    public void recordDurably(AuditEntry entry) {
        try {
            writer.submitAndWake(entry).get(DURABLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing an audit record", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write the audit record " + entry.action() + ": " + e, e);
        }
    }

    /** Waits until everything recorded before this call is stored; false if that took longer than {@code timeout}. */
    public boolean flush(Duration timeout) {
        try {
            return writer.flush(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Checks the chain of every day in [{@code from}, {@code to}]. */
    @PreAuthorize(Roles.AUDIT_READERS_EXPRESSION)
    public ChainVerification verify(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' must not be before 'from'");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw new IllegalArgumentException("At most 366 days can be verified at once");
        }
        flush(Duration.ofSeconds(10));
        return chain.verify(from, to);
    }

    /**
     * Audit records matching the Lucene query in [{@code from}, {@code to}), newest first, within the caller's scope
     * and with personal data masked for roles that may not see it.
     */
    @PreAuthorize(Roles.AUDIT_READERS_EXPRESSION)
    public AuditPage search(String query, Instant from, Instant to, int size) {
        CurrentUser user = access.current();
        ScopedSearch.Page page = search.search(IndexNames.pattern(IndexNames.AUDIT), "@timestamp", query, from, to,
                user.scope().toFilter(), size);
        List<Map<String, Object>> records = page.documents().stream().map(d -> masker.mask(d, user)).toList();
        return new AuditPage(page.total(), records);
    }

    /**
     * One page of audit records.
     *
     * @param total   matching records
     * @param records the records as stored (ECS fields, {@code details}, {@code chain})
     */
    public record AuditPage(long total, List<Map<String, Object>> records) {
    }
}
