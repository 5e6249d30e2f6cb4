package io.logwarden.alert;

/**
 * Outcome of delivering one notification to one target (a channel, or one recipient's personal channel).
 *
 * @param channel  the channel kind
 * @param outcome  what happened
 * @param attempts how many sends were tried so far
 * @param error    the last error message, null when delivered
 * @param target   what was addressed, without secrets (e.g. "WEBHOOK hooks.example.org", "IN_APP alice")
 */
public record DeliveryResult(ChannelType channel, Outcome outcome, int attempts, String error, String target) {

    /**
     * DELIVERED: accepted by the receiver. FAILED_TEMPORARY: this attempt failed, a later one may work (pending
     * deliveries are retried). FAILED_PERMANENT: cannot work without a configuration change. EXPIRED: still failing
     * when the pending delivery expired. SKIPPED: not sent on purpose (severity below the channel's or recipient's
     * minimum, recipient not allowed).
     */
    public enum Outcome { DELIVERED, FAILED_TEMPORARY, FAILED_PERMANENT, EXPIRED, SKIPPED }

    public DeliveryResult(ChannelType channel, Outcome outcome, int attempts, String error) {
        this(channel, outcome, attempts, error, channel == null ? "" : channel.name());
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    /** Done with: delivered, skipped, or failed for good. */
    public boolean finished() {
        return outcome != Outcome.FAILED_TEMPORARY;
    }
}
