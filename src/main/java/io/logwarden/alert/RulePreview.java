package io.logwarden.alert;

import java.util.List;
import java.util.Map;

/**
 * What a rule would see: matches over the last 24 hours and whether each group would fire now.
 *
 * @param matchesLast24h events matching the rule's query (in scope) over the last 24 h, per group
 * @param groupsNow      the condition per group over the rule's window ending now
 * @param link           link to the matching events of the last 24 h
 */
public record RulePreview(Map<String, Long> matchesLast24h, List<GroupPreview> groupsNow, String link) {

    /** @param group group value @param value measured value @param wouldFire condition holds */
    public record GroupPreview(String group, double value, boolean wouldFire) {
    }
}
