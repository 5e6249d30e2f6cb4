package io.logwarden.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The built-in roles; Spring Security sees them with the {@code ROLE_} prefix. The {@code *_EXPRESSION} constants
 * are the {@code @PreAuthorize} expressions of the role table (docs/decisions/050), so every feature checks the same
 * thing.
 */
public final class Roles {

    /** Everything, including user, key and retention management. */
    public static final String ADMIN = "ADMIN";
    /** Search, charts and anomalies; PII masked; no alert rule changes. */
    public static final String ANALYST = "ANALYST";
    /** Search and alerts for the services in their scope. */
    public static final String OPERATIONS = "OPERATIONS";
    /** Search and export with PII visible, audit categories. */
    public static final String COMPLIANCE = "COMPLIANCE";
    /** Read-only, scoped: no writes to shared state (dashboards, saved searches, rules, anomaly feedback). */
    public static final String VIEWER = "VIEWER";
    /** Scrapes {@code /actuator/prometheus}; sees no data and cannot use the UI or API. */
    public static final String METRICS = "METRICS";

    /** Roles of people using the application (every role but {@link #METRICS}). */
    public static final List<String> ALL = List.of(ADMIN, ANALYST, OPERATIONS, COMPLIANCE, VIEWER);
    /** Same as {@link #ALL}. */
    public static final List<String> USER_ROLES = ALL;
    /** Every role an account may have: the user roles and {@link #METRICS}. */
    public static final List<String> ACCOUNT_ROLES = List.of(ADMIN, ANALYST, OPERATIONS, COMPLIANCE, VIEWER, METRICS);
    /** Roles whose accounts must be given a non-empty scope. */
    public static final Set<String> SCOPED = Set.of(OPERATIONS, VIEWER);

    /** May create, change, enable, delete, acknowledge and snooze alert rules (ADMIN, OPERATIONS). */
    public static final String ALERT_WRITERS_EXPRESSION = "hasAnyRole('" + ADMIN + "','" + OPERATIONS + "')";
    /** May change shared state: dashboards, saved searches, anomaly feedback (everyone but VIEWER). */
    public static final String SHARED_STATE_WRITERS_EXPRESSION = "hasAnyRole('" + ADMIN + "','" + ANALYST + "','"
            + OPERATIONS + "','" + COMPLIANCE + "')";
    /** May export events and run data-subject requests (ADMIN, COMPLIANCE). */
    public static final String EXPORTERS_EXPRESSION = "hasAnyRole('" + ADMIN + "','" + COMPLIANCE + "')";
    /** May read the platform audit trail (ADMIN, COMPLIANCE). */
    public static final String AUDIT_READERS_EXPRESSION = "hasAnyRole('" + ADMIN + "','" + COMPLIANCE + "')";
    /** Any role that uses the application (not metrics-only accounts). */
    public static final String USERS_EXPRESSION = "hasAnyRole('" + ADMIN + "','" + ANALYST + "','" + OPERATIONS
            + "','" + COMPLIANCE + "','" + VIEWER + "')";
    /** May scrape {@code /actuator/prometheus}. */
    public static final List<String> METRICS_READERS = List.of(ADMIN, METRICS);

    private Roles() {
    }

    /** Whether these roles include one that uses the application, rather than only scraping metrics. */
    public static boolean usesTheApplication(Collection<String> roles) {
        return roles.stream().anyMatch(USER_ROLES::contains);
    }
}
