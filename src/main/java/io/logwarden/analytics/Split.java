package io.logwarden.analytics;

/** Fields a volume chart can be split by. */
public enum Split {
    LEVEL("log.level"),
    SERVICE("service.name"),
    SOURCE("audit.source");

    private final String field;

    Split(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }
}
