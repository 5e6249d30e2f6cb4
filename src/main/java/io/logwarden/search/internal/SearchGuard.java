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
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What every search passes through on its way to storage and back: query validation, the caller's scope, the
 * masking of personal data and the audit record. Each of these lives in exactly one method here.
 */
@Component
public class SearchGuard {

    /** Fields holding personal data (DESIGN.md), masked and not searchable for roles without PII access. */
    public static final Set<String> PII_FIELDS = Set.of("user.id", "user.name", "user.email", "user.roles",
            "source.ip", "user_agent.original");
    static final String MASK = "***";
    /** PII fields the shared masker does not cover: replaced entirely. */
    private static final Set<String> FULLY_MASKED = PII_FIELDS.stream()
            .filter(f -> !PiiMasker.BUILT_IN_FIELDS.contains(f)).collect(Collectors.toUnmodifiableSet());

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

    /** Validates the query text for this user; throws {@link QuerySyntaxException} with the position. */
    public ParsedQuery parse(CurrentUser user, String query) {
        ParsedQuery parsed = parser.parse(query);
        if (!user.piiVisible()) {
            for (String field : parsed.fields()) {
                if (PII_FIELDS.contains(field) || field.contains("*") && PII_FIELDS.stream().anyMatch(
                        p -> p.matches(field.replace(".", "\\.").replace("*", ".*")))) {
                    throw new AccessDeniedException("Field '" + field + "' holds personal data, which your role "
                            + "may not search");
                }
            }
        }
        return parsed;
    }

    /** The storage query: validated text, time range, extra filters and, always, the caller's scope. */
    public EventQuery query(CurrentUser user, ParsedQuery parsed, TimeRange range, Map<String, String> filters) {
        if (!user.piiVisible() && filters.keySet().stream().anyMatch(PII_FIELDS::contains)) {
            throw new AccessDeniedException("Filtering by personal data is not allowed for your role");
        }
        return new EventQuery(parsed.text(), properties.defaultFields(), range.from(), range.to(),
                user.scope().toFilter(), filters, properties.allowLeadingWildcards());
    }

    /** Whether the caller may see the values of {@code field} unmasked. */
    public boolean mayRead(CurrentUser user, String field) {
        return user.piiVisible() || !PII_FIELDS.contains(field);
    }

    /**
     * The single masking hook: every event leaves the search feature through here, masked by the security feature's
     * {@link PiiMasker} (e.g. {@code j***@example.com}, {@code 10.0.x.x}) for roles without PII access.
     */
    public FoundEvent visible(CurrentUser user, StoredEvent event) {
        Map<String, Object> fields = user.piiVisible() ? event.source()
                : masker.mask(masked(event.source(), ""), user);
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> masked(Map<String, Object> source, String prefix) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            String path = prefix + key;
            if (FULLY_MASKED.contains(path)) {
                copy.put(key, MASK);
            } else if (value instanceof Map<?, ?> nested) {
                copy.put(key, masked((Map<String, Object>) nested, path + "."));
            } else {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
