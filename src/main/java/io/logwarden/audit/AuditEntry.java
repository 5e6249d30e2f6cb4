package io.logwarden.audit;

import java.util.Map;

/**
 * One thing worth auditing, before it is chained and stored.
 *
 * @param action     what happened, dotted lower case ({@code login.failure}, {@code user.create}, {@code export.run})
 * @param category   ECS {@code event.category}: authentication, iam, configuration, database, file
 * @param outcome    success or failure
 * @param actor      who did it (username), or null to take the authenticated user (else {@code system})
 * @param sourceIp   client address, or null to take it from the current HTTP request
 * @param targetType kind of thing affected ({@code user}, {@code export}), may be null
 * @param targetId   the thing affected, may be null
 * @param details    extra facts (stored, not indexed); no secrets
 */
public record AuditEntry(String action, String category, String outcome, String actor, String sourceIp,
                         String targetType, String targetId, Map<String, ?> details) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public AuditEntry {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("An audit entry needs an action");
        }
        category = category == null ? categoryOf(action) : category;
        outcome = outcome == null ? SUCCESS : outcome;
        details = details == null ? Map.of() : details;
    }

    /** A successful action by the current user on {@code target}. */
    public static AuditEntry of(String action, String target, Map<String, ?> details) {
        return new AuditEntry(action, null, SUCCESS, null, null, null, target, details);
    }

    static String categoryOf(String action) {
        if (action.startsWith("login") || action.startsWith("logout")) {
            return "authentication";
        }
        if (action.startsWith("user.") || action.startsWith("role.") || action.startsWith("apikey.")) {
            return "iam";
        }
        if (action.startsWith("search") || action.startsWith("export")) {
            return "database";
        }
        return "configuration";
    }
}
