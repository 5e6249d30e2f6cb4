package io.logwarden.analytics;

/** Fields a volume chart can be split by. */
public enum Split {
    LEVEL("log.level", "Level"),
    SERVICE("service.name", "Service"),
    SOURCE("audit.source", "Source");

    private final String field;
    private final String label;

    Split(String field, String label) {
        this.field = field;
        this.label = label;
    }

    public String field() {
        return field;
    }

    public String label() {
        return label;
    }
}
