package io.logwarden.security;

import java.util.List;

/** The built-in roles; Spring Security sees them with the {@code ROLE_} prefix. */
public final class Roles {

    /** Everything, including user, key and retention management. */
    public static final String ADMIN = "ADMIN";
    /** Search, charts and anomalies; PII masked. */
    public static final String ANALYST = "ANALYST";
    /** Search and alerts for the services in their scope. */
    public static final String OPERATIONS = "OPERATIONS";
    /** Search and export with PII visible, audit categories. */
    public static final String COMPLIANCE = "COMPLIANCE";
    /** Read-only, scoped. */
    public static final String VIEWER = "VIEWER";

    public static final List<String> ALL = List.of(ADMIN, ANALYST, OPERATIONS, COMPLIANCE, VIEWER);

    private Roles() {
    }
}
