package io.logwarden.retention;

import java.time.Instant;
import java.util.List;

/**
 * A retention run, previewed or applied.
 *
 * @param evaluatedAt when the plan was made
 * @param applied     whether the deletions were carried out (false: dry run)
 * @param decisions   one per daily index, by category then day
 * @param failures    indices that could not be deleted, with the reason
 */
public record RetentionPlan(Instant evaluatedAt, boolean applied, List<RetentionDecision> decisions,
                            List<String> failures) {

    public List<RetentionDecision> deletions() {
        return decisions.stream().filter(d -> d.action() == RetentionDecision.Action.DELETE).toList();
    }
}
