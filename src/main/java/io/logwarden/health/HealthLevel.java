package io.logwarden.health;

/** How a component is doing, best first. */
public enum HealthLevel {
    HEALTHY, DEGRADED, UNHEALTHY;

    public HealthLevel worst(HealthLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** {@code value} against two thresholds (inclusive). */
    static HealthLevel of(double value, double degraded, double unhealthy) {
        if (value >= unhealthy) {
            return UNHEALTHY;
        }
        return value >= degraded ? DEGRADED : HEALTHY;
    }
}
