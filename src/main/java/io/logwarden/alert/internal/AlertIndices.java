package io.logwarden.alert.internal;

/** Names of the indices the alert feature keeps its state in. */
public final class AlertIndices {

    public static final String RULES = ".logwarden-alert-rules";
    public static final String STATE = ".logwarden-alert-state";
    public static final String LEASES = ".logwarden-alert-leases";
    public static final String NOTIFICATIONS = ".logwarden-notifications";
    /** Deliveries not done yet, retried by any instance. */
    public static final String OUTBOX = ".logwarden-alert-outbox";
    /** Per-user notification preferences. */
    public static final String PREFERENCES = ".logwarden-alert-preferences";
    /** Latest health and search-latency sample of each instance, for HEALTH rules evaluated anywhere. */
    public static final String SIGNALS = ".logwarden-alert-signals";
    /** Which shipped default rules were installed once (a deleted one is not installed again). */
    public static final String DEFAULTS = ".logwarden-alert-defaults";

    private AlertIndices() {
    }
}
