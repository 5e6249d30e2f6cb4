package io.logwarden.alert;

/** A change based on an outdated read: someone else changed the rule meanwhile (HTTP 409). */
public class AlertConflictException extends RuntimeException {

    public AlertConflictException(String message) {
        super(message);
    }
}
