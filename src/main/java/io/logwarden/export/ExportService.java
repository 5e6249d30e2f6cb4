package io.logwarden.export;

import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.IndexNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Uncapped, scoped, masked and signed exports. Only roles with the export permission may use it; each user sees and
 * downloads their own exports, admins everyone's. Jobs run in the background for the user who submitted them, with
 * the scope and PII visibility that user had at submission.
 */
@Service
public class ExportService {

    /** The roles with the export permission. */
    public static final String EXPORTERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.COMPLIANCE + "')";

    private final AccessService access;
    private final ExportOperations operations;

    public ExportService(AccessService access, ExportOperations operations) {
        this.access = access;
        this.operations = operations;
    }

    /** Starts an export of a search over the event indices. */
    @PreAuthorize(EXPORTERS)
    public ExportJob submit(ExportRequest request) {
        return operations.submit(access.current(), request, ExportJob.PURPOSE_SEARCH,
                List.of(IndexNames.EVENTS_ALIAS), Map.of());
    }

    /** Starts an export of every event matching any of the exact field values (data-subject requests). */
    @PreAuthorize(EXPORTERS)
    public ExportJob submitMatching(ExportRequest request, List<String> indices, Map<String, Set<String>> anyOf) {
        return operations.submit(access.current(), request, ExportJob.PURPOSE_DATA_SUBJECT, indices, anyOf);
    }

    /** The caller's exports (an admin's: all), newest first, with live progress. */
    @PreAuthorize(EXPORTERS)
    public List<ExportJob> jobs() {
        CurrentUser user = access.current();
        return operations.all().stream().filter(job -> visible(job, user)).toList();
    }

    @PreAuthorize(EXPORTERS)
    public ExportJob job(String id) {
        return owned(id);
    }

    @PreAuthorize(EXPORTERS)
    public ExportJob cancel(String id) {
        owned(id);
        return operations.cancel(id);
    }

    @PreAuthorize(EXPORTERS)
    public ExportFile file(String id) {
        return operations.file(owned(id));
    }

    @PreAuthorize(EXPORTERS)
    public ExportManifest manifest(String id) {
        return operations.manifest(owned(id));
    }

    @PreAuthorize(EXPORTERS)
    public ManifestVerification verify(String id) {
        return operations.verify(owned(id));
    }

    /** Progress of the caller's visible jobs as it happens; run the returned action to unsubscribe. */
    @PreAuthorize(EXPORTERS)
    public Runnable subscribe(Consumer<ExportJob> listener) {
        CurrentUser user = access.current();
        return operations.subscribe(job -> {
            if (visible(job, user)) {
                listener.accept(job);
            }
        });
    }

    private ExportJob owned(String id) {
        ExportJob job = operations.find(id).orElseThrow(() -> new ExportNotFoundException(id));
        if (!visible(job, access.current())) {
            throw new ExportNotFoundException(id);
        }
        return job;
    }

    private static boolean visible(ExportJob job, CurrentUser user) {
        return user.hasRole(Roles.ADMIN) || job.submittedBy().username().equals(user.username());
    }
}
