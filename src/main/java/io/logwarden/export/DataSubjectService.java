package io.logwarden.export;

import io.logwarden.export.internal.SubjectAnonymiser;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.IndexNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * GDPR data-subject requests over every daily event index: find the events about a person (by {@code user.id} or
 * {@code user.email}), export them, anonymise them. Restricted to the export roles and the caller's scope; audited.
 */
@Service
public class DataSubjectService {

    static final List<String> INDICES = List.of(IndexNames.pattern(IndexNames.EVENTS));

    private final AccessService access;
    private final ExportService exports;
    private final SubjectAnonymiser anonymiser;

    public DataSubjectService(AccessService access, ExportService exports, SubjectAnonymiser anonymiser) {
        this.access = access;
        this.exports = exports;
        this.anonymiser = anonymiser;
    }

    @PreAuthorize(ExportService.EXPORTERS)
    public DataSubjectReport find(DataSubject subject) {
        return anonymiser.find(access.current(), INDICES, terms(subject));
    }

    /** Starts an NDJSON export of the subject's whole events. */
    @PreAuthorize(ExportService.EXPORTERS)
    public ExportJob export(DataSubject subject, boolean gzip) {
        Instant to = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        return exports.submitMatching(new ExportRequest("", Instant.EPOCH, to, List.of(), ExportFormat.NDJSON, gzip),
                INDICES, terms(subject));
    }

    /** Replaces the subject's identifiers in every event with a keyed hash (search + bulk update, no scripts). */
    @PreAuthorize(ExportService.EXPORTERS)
    public AnonymisationResult anonymise(DataSubject subject) {
        CurrentUser user = access.current();
        return anonymiser.anonymise(user, INDICES, subject.userId(), subject.email(), terms(subject));
    }

    private static Map<String, Set<String>> terms(DataSubject subject) {
        if (subject.userId() != null && subject.email() != null) {
            return Map.of("user.id", Set.of(subject.userId()), "user.email", Set.of(subject.email()));
        }
        return subject.userId() != null ? Map.of("user.id", Set.of(subject.userId()))
                : Map.of("user.email", Set.of(subject.email()));
    }
}
