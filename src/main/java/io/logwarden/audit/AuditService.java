package io.logwarden.audit;

import io.logwarden.audit.internal.AuditChain;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopedSearch;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.PiiMasker;
import io.logwarden.security.Roles;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Logwarden's own audit trail: every feature records what users did through {@link #record}; records are chained
 * per UTC day by SHA-256 so that a changed or removed record shows in {@link #verify}.
 */
@Service
public class AuditService {

    private final AuditChain chain;
    private final ScopedSearch search;
    private final AccessService access;
    private final PiiMasker masker;

    public AuditService(AuditChain chain, ScopedSearch search, AccessService access, PiiMasker masker) {
        this.chain = chain;
        this.search = search;
        this.access = access;
        this.masker = masker;
    }

    /** Records a successful action of the current user on {@code target} (may be null). */
    public void record(String action, String target, Map<String, ?> details) {
        record(AuditEntry.of(action, target, details));
    }

    /** Records the entry; throws if it cannot be stored (an action that must be audited should then fail too). */
    public void record(AuditEntry entry) {
        chain.append(entry);
    }

    /** Checks the chain of every day in [{@code from}, {@code to}]. */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.COMPLIANCE + "')")
    public ChainVerification verify(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' must not be before 'from'");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw new IllegalArgumentException("At most 366 days can be verified at once");
        }
        return chain.verify(from, to);
    }

    /**
     * Audit records matching the Lucene query in [{@code from}, {@code to}), newest first, within the caller's scope
     * and with personal data masked for roles that may not see it.
     */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.COMPLIANCE + "')")
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
