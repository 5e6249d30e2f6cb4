package io.logwarden.alert;

import java.util.List;

/** A rule, channel configuration or template is invalid; {@link #errors()} lists every problem found. */
public class AlertValidationException extends RuntimeException {

    private final List<String> errors;

    public AlertValidationException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
