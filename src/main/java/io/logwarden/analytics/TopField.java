package io.logwarden.analytics;

/** Fields with a "top values" breakdown. */
public enum TopField {
    ACTIONS("event.action", "Top actions", false),
    ENTITIES("audit.entity.id", "Top entities", false),
    USERS("user.name", "Top users", true),
    ERROR_TYPES("error.type", "Top error types", false),
    AUDIT_STATUS("audit.status", "Audit status", false),
    SOURCE("audit.source", "User vs system activity", false);

    private final String field;
    private final String title;
    private final boolean personal;

    TopField(String field, String title, boolean personal) {
        this.field = field;
        this.title = title;
        this.personal = personal;
    }

    public String field() {
        return field;
    }

    public String title() {
        return title;
    }

    /** Whether the values are personal data, pseudonymised for users without PII access. */
    public boolean personal() {
        return personal;
    }
}
