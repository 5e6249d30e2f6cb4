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
 * @param skipped     previewed deletions not carried out because, when applied, the index was no longer past
 *                    retention, was now under a legal hold, or was gone
 */
public record RetentionPlan(Instant evaluatedAt, boolean applied, List<RetentionDecision> decisions,
                            List<String> failures, List<String> skipped) {

    public RetentionPlan {
        failures = failures == null ? List.of() : List.copyOf(failures);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public List<RetentionDecision> deletions() {
        return decisions.stream().filter(d -> d.action() == RetentionDecision.Action.DELETE).toList();
    }
}
