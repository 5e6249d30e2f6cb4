package io.logwarden.alert;

/** State of one alert group: a rule's condition for one value of its group-by field. */
public enum AlertStatus {
    OK, FIRING, RESOLVED
}
