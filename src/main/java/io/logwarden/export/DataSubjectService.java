package io.logwarden.export;

import io.logwarden.export.internal.SubjectAnonymiser;
import io.logwarden.security.AccessService;
import io.logwarden.storage.IndexNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * GDPR data-subject requests over every Logwarden index that holds event data (both event families and the dead
 * letters' original lines): find the events about a person, export them, anonymise them. Restricted to the export
 * roles and the caller's scope (dead letters carry no scope fields, so only an unrestricted caller reaches them);
 * audited with pseudonyms, never the identifiers (docs/decisions/083).
 */
@Service
public class DataSubjectService {

    /** {@code logwarden-events-*} covers the application and the audit-event families. */
    static final List<String> INDICES = List.of(IndexNames.pattern(IndexNames.EVENTS),
            IndexNames.pattern(IndexNames.DEAD_LETTER));

    private final AccessService access;
    private final ExportService exports;
    private final SubjectAnonymiser anonymiser;

    public DataSubjectService(AccessService access, ExportService exports, SubjectAnonymiser anonymiser) {
        this.access = access;
        this.exports = exports;
        this.anonymiser = anonymiser;
    }

    /** How many events about the subject each index holds (an aggregation: nothing is read). */
    @PreAuthorize(ExportService.EXPORTERS)
    public DataSubjectReport find(DataSubject subject) {
        return anonymiser.find(access.current(), INDICES, subject);
    }

    /** Starts an NDJSON export of the subject's whole events and dead letters. */
    @PreAuthorize(ExportService.EXPORTERS)
    public ExportJob export(DataSubject subject, boolean gzip) {
        Instant to = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        return exports.submitDataSubject(new ExportRequest("", Instant.EPOCH, to, List.of(), ExportFormat.NDJSON,
                gzip), ExportSource.dataSubject(INDICES, subject));
    }

    /** Replaces the subject's identifiers everywhere with a keyed hash (search + bulk update, no scripts). */
    @PreAuthorize(ExportService.EXPORTERS)
    public AnonymisationResult anonymise(DataSubject subject) {
        return anonymiser.anonymise(access.current(), INDICES, subject);
    }
}
