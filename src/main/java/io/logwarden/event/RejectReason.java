package io.logwarden.event;

/** Why an input line was not accepted as an event; also the {@code reason} tag of the rejection metric. */
public enum RejectReason {
    MALFORMED_JSON("malformed_json"),
    NOT_AN_OBJECT("not_an_object"),
    INVALID_UTF8("invalid_utf8"),
    TOO_DEEP("nesting_too_deep"),
    /** A number, string or key longer than the JSON parser's limits (e.g. a number of more than 1000 digits). */
    VALUE_TOO_LARGE("value_too_large"),
    LINE_TOO_LONG("line_too_long");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** Stable lower-case code used in API answers, metrics and dead-letter records. */
    public String code() {
        return code;
    }
}
