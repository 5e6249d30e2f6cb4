package io.logwarden.alert.internal;

/** Names of the indices the alert feature keeps its state in. */
public final class AlertIndices {

    public static final String RULES = ".logwarden-alert-rules";
    public static final String STATE = ".logwarden-alert-state";
    public static final String LEASES = ".logwarden-alert-leases";
    public static final String NOTIFICATIONS = ".logwarden-notifications";

    private AlertIndices() {
    }
}
