package io.logwarden.anomaly;

import java.util.Objects;

/**
 * What an anomaly concerns: {@code type} is one of service, action, job, host; {@code service} is set when known
 * (for an action it is the owning service, for a job the job name's service if any), {@code name} is the entity's
 * own name (action name, job name, host name) and {@code id} a run id where one exists (job.id).
 */
public record AnomalyEntity(String type, String service, String name, String id) {

    public AnomalyEntity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static AnomalyEntity service(String service) {
        return new AnomalyEntity("service", service, service, null);
    }

    public static AnomalyEntity action(String service, String action) {
        return new AnomalyEntity("action", service, action, null);
    }

    public static AnomalyEntity host(String host) {
        return new AnomalyEntity("host", null, host, null);
    }

    public static AnomalyEntity job(String jobName, String jobId) {
        return new AnomalyEntity("job", null, jobName, jobId);
    }

    /** A job run of {@code service} (null when its events carry none). */
    public static AnomalyEntity job(String service, String jobName, String jobId) {
        return new AnomalyEntity("job", service, jobName, jobId);
    }

    /** Stable key of the series this entity is scored in, e.g. {@code action:payments/PAYMENT_RECEIVED}. */
    public String key() {
        return type + ":" + (service == null || service.equals(name) ? "" : service + "/") + name;
    }

    /** Short human label, e.g. {@code PAYMENT_RECEIVED (payments)}. */
    public String label() {
        String base = service == null || service.equals(name) ? name : name + " (" + service + ")";
        return id == null ? base : base + " run " + id;
    }
}
