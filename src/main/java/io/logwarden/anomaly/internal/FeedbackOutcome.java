package io.logwarden.anomaly.internal;

/** Whether a detector took in a false-positive mark, and if not, why. */
public record FeedbackOutcome(boolean learned, String note) {

    static final FeedbackOutcome LEARNED = new FeedbackOutcome(true, "");

    static FeedbackOutcome notLearned(String why) {
        return new FeedbackOutcome(false, why);
    }
}
