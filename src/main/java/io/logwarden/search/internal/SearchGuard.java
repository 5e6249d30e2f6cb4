package io.logwarden.search.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.search.FoundEvent;
import io.logwarden.search.QuerySyntaxException;
import io.logwarden.search.SearchProperties;
import io.logwarden.search.TimeRange;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.PiiMasker;
import io.logwarden.storage.EventQuery;
import io.logwarden.storage.StoredEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What every search passes through on its way to storage and back: query validation, the caller's scope, the
 * masking of personal data and the audit record. Each of these lives in exactly one method here.
 */
@Component
public class SearchGuard {

    /** The built-in personal fields; the whole policy (with configured fields and keys) is {@link PiiMasker}'s. */
    public static final Set<String> PII_FIELDS = Set.copyOf(PiiMasker.BUILT_IN_FIELDS);
    static final String MASK = PiiMasker.MASK;

    private final QueryParser parser;
    private final SearchProperties properties;
    private final PiiMasker masker;
    private final AuditService auditService;

    public SearchGuard(SearchProperties properties, PiiMasker masker, AuditService auditService) {
        this.properties = properties;
        this.masker = masker;
        this.auditService = auditService;
        this.parser = new QueryParser(new QueryParser.Limits(properties.maxQueryLength(), properties.maxNesting(),
                properties.maxClauses(), properties.allowLeadingWildcards(), properties.allowRegex()));
    }

    /**
     * Validates the query text for this user; throws {@link QuerySyntaxException} with the position. Personal fields
     * may be searched by every role (docs/decisions/052): the results show them masked.
     */
    public ParsedQuery parse(CurrentUser user, String query) {
        return parser.parse(query);
    }

    /** The storage query: validated text, time range, extra filters and, always, the caller's scope. */
    public EventQuery query(CurrentUser user, ParsedQuery parsed, TimeRange range, Map<String, String> filters) {
        return new EventQuery(parsed.text(), properties.defaultFields(), range.from(), range.to(),
                user.scope().toFilter(), filters, properties.allowLeadingWildcards());
    }

    /** Whether the caller sees the values of {@code field} unmasked. */
    public boolean mayRead(CurrentUser user, String field) {
        return user.piiVisible() || !masker.isPersonal(field);
    }

    /** One value of {@code field} (a top value, a facet) as the caller may see it. */
    public String visibleValue(CurrentUser user, String field, String value) {
        return masker.maskValue(field, value, user);
    }

    /**
     * The single masking hook: every event leaves the search feature through here, masked by the security feature's
     * {@link PiiMasker} (e.g. {@code j***@example.com}, {@code 10.0.x.x}) for roles without PII access.
     */
    public FoundEvent visible(CurrentUser user, StoredEvent event) {
        Map<String, Object> fields = masker.mask(event.source(), user);
        return new FoundEvent(event.id(), event.index(), event.timestamp(), fields);
    }

    public List<FoundEvent> visible(CurrentUser user, List<StoredEvent> events) {
        return events.stream().map(e -> visible(user, e)).toList();
    }

    /** The single audit call site of the search feature: a record in the platform's hash-chained audit trail. */
    public void audit(CurrentUser user, String action, String query, TimeRange range, long hits) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", query == null ? "" : query);
        if (range != null) {
            details.put("from", range.from().toString());
            details.put("to", range.to().toString());
        }
        details.put("hits", hits);
        auditService.record(new AuditEntry("search." + action, null, AuditEntry.SUCCESS, user.username(), null,
                "events", null, details));
    }
}
