package io.logwarden.search.internal;

import io.logwarden.search.SampledField;
import io.logwarden.storage.EventFields;
import io.logwarden.storage.StoredEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Which searchable fields (mapped ones and {@code labels.*}) a sample of events holds, and how often. */
final class FieldSample {

    private FieldSample() {
    }

    /** The fields of {@code events} that {@code readable} lets through, by name. */
    static List<SampledField> of(List<StoredEvent> events, Predicate<String> readable) {
        Map<String, Integer> counts = new TreeMap<>();
        for (StoredEvent event : events) {
            collect("", event.source(), counts);
        }
        return counts.entrySet().stream()
                .filter(e -> readable.test(e.getKey()))
                .map(e -> new SampledField(e.getKey(), e.getValue(), events.size(),
                        EventFields.aggregatable(e.getKey())))
                .toList();
    }

    private static void collect(String prefix, Map<?, ?> map, Map<String, Integer> counts) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                collect(path + ".", nested, counts);
            } else if (value != null && EventFields.typeOf(path).isPresent()) {
                counts.merge(path, 1, Integer::sum);
            }
        });
    }
}
