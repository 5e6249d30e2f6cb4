package io.logwarden.alert.internal.rule;

import java.util.Map;

/**
 * What one evaluation saw for one group.
 *
 * @param group    group value ("" for an ungrouped rule)
 * @param value    the measured value (count, percentage, score)
 * @param breached whether the rule's condition holds
 * @param fields   extra template fields (e.g. {@code count}, {@code anomaly.score})
 */
public record Observation(String group, double value, boolean breached, Map<String, String> fields) {

    public Observation {
        group = group == null ? "" : group;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
