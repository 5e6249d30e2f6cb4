package io.logwarden.retention;

import java.time.LocalDate;

/**
 * What retention does with one daily index.
 *
 * @param action DELETE (past retention), HOLD (past retention but under legal hold) or KEEP
 * @param reason why, in words
 */
public record RetentionDecision(String index, RetentionCategory category, LocalDate day, long documents,
                                long sizeBytes, Action action, String reason) {

    public enum Action { DELETE, HOLD, KEEP }
}
