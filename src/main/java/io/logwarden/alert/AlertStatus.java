package io.logwarden.alert;

/** State of one alert group (a rule's condition for one value of its group-by field); groups never firing are not stored. */
public enum AlertStatus {
    FIRING, RESOLVED
}
