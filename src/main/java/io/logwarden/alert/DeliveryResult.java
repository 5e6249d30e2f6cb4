package io.logwarden.alert;

/**
 * Outcome of delivering one notification to one channel, after retries.
 *
 * @param channel  the channel kind
 * @param outcome  delivered, failed permanently, or gave up after temporary failures
 * @param attempts how many sends were tried
 * @param error    the last error message, null when delivered
 */
public record DeliveryResult(ChannelType channel, Outcome outcome, int attempts, String error) {

    public enum Outcome { DELIVERED, FAILED_PERMANENT, FAILED_RETRIES_EXHAUSTED, SKIPPED }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }
}
