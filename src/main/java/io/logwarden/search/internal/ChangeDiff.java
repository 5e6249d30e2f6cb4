package io.logwarden.search.internal;

import io.logwarden.search.TimelineEntry.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Field-by-field differences of an audit event's {@code audit.before}/{@code audit.after} or {@code audit.changes}. */
public final class ChangeDiff {

    private ChangeDiff() {
    }

    public static List<FieldChange> of(Object before, Object after, Object changes) {
        if (before instanceof Map<?, ?> || after instanceof Map<?, ?>) {
            Map<String, Object> old = flatten(before);
            Map<String, Object> now = flatten(after);
            List<FieldChange> diff = new ArrayList<>();
            for (String field : new TreeSet<>(union(old, now))) {
                if (!Objects.equals(old.get(field), now.get(field))) {
                    diff.add(new FieldChange(field, old.get(field), now.get(field)));
                }
            }
            return diff;
        }
        return fromChanges(changes);
    }

    /** {@code {"field":{"before":x,"after":y}}} or {@code [{"field":..,"before":..,"after":..}]}. */
    private static List<FieldChange> fromChanges(Object changes) {
        List<FieldChange> diff = new ArrayList<>();
        if (changes instanceof Map<?, ?> map) {
            new TreeMap<>(map.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> String.valueOf(e.getKey()), Map.Entry::getValue))).forEach((field, value) -> {
                if (value instanceof Map<?, ?> change) {
                    diff.add(new FieldChange(field, first(change, "before", "from", "old"),
                            first(change, "after", "to", "new")));
                } else {
                    diff.add(new FieldChange(field, null, value));
                }
            });
        } else if (changes instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> change && change.get("field") != null) {
                    diff.add(new FieldChange(String.valueOf(change.get("field")),
                            first(change, "before", "from", "old"), first(change, "after", "to", "new")));
                }
            }
        }
        return diff;
    }

    private static Object first(Map<?, ?> map, String... keys) {
        for (String key : keys) {
            if (map.containsKey(key)) {
                return map.get(key);
            }
        }
        return null;
    }

    private static TreeSet<String> union(Map<String, Object> a, Map<String, Object> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static Map<String, Object> flatten(Object value) {
        Map<String, Object> flat = new TreeMap<>();
        if (value instanceof Map<?, ?> map) {
            flatten("", map, flat);
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(path + ".", nested, flat);
            } else {
                flat.put(path, value);
            }
        });
    }
}
