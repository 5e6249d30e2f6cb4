package io.logwarden.event;

/** Outcome of normalising one input line: an event, or a rejection with a reason. */
public sealed interface NormalizationResult {

    /** The line became an event. */
    record Accepted(CanonicalEvent event) implements NormalizationResult {
    }

    /** The line could not become an event; {@code detail} is a short human-readable explanation. */
    record Rejected(RejectReason reason, String detail) implements NormalizationResult {
    }
}
