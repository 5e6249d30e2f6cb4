package io.logwarden.analytics;

/** What duration percentiles are grouped by. */
public enum DurationGroup {
    ACTION("event.action"),
    SERVICE("service.name");

    private final String field;

    DurationGroup(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }
}
