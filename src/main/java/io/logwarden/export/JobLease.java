package io.logwarden.export;

import java.time.Instant;

/**
 * Which application instance runs a job, until when. Taken and renewed with optimistic concurrency on the job
 * document, so one job never runs on two instances; a lease that is not renewed in time (the instance died) lets
 * another instance take the job over from its last checkpoint.
 *
 * @param owner the instance id
 * @param until when the lease runs out unless renewed
 */
public record JobLease(String owner, Instant until) {

    public boolean heldBy(String instance, Instant now) {
        return owner.equals(instance) && until.isAfter(now);
    }

    public boolean live(Instant now) {
        return until.isAfter(now);
    }
}
