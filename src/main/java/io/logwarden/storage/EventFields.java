package io.logwarden.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The searchable fields of the event indices and their Elasticsearch types, read from the same mapping file the
 * index templates are installed from ({@code es-mappings/component/logwarden-ecs-mappings.json}), so the two can
 * never drift. Sub-keys of the flattened {@code labels} field are searchable too and count as keywords.
 */
public final class EventFields {

    public static final String LABELS = "labels";
    private static final String MAPPING = "es-mappings/component/logwarden-ecs-mappings.json";
    private static final Map<String, String> TYPES = load();

    private EventFields() {
    }

    /** Field name → Elasticsearch type (keyword, text, date, long, ip, flattened, ...), indexed fields only. */
    public static Map<String, String> types() {
        return TYPES;
    }

    /** The type of a field, {@code keyword} for a {@code labels.*} sub-key, empty when the field is not searchable. */
    public static Optional<String> typeOf(String field) {
        if (field.startsWith(LABELS + ".") && field.length() > LABELS.length() + 1) {
            return Optional.of("keyword");
        }
        return Optional.ofNullable(TYPES.get(field));
    }

    /** Whether a terms aggregation (top values) works on the field. */
    public static boolean aggregatable(String field) {
        return typeOf(field).filter(t -> !t.equals("text") && !t.equals("flattened")).isPresent();
    }

    private static Map<String, String> load() {
        try (InputStream in = EventFields.class.getClassLoader().getResourceAsStream(MAPPING)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + MAPPING + " on the classpath");
            }
            JsonNode properties = new ObjectMapper().readTree(in).path("template").path("mappings").path("properties");
            Map<String, String> types = new TreeMap<>();
            collect("", properties, types);
            return Collections.unmodifiableMap(types);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(String prefix, JsonNode properties, Map<String, String> types) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = prefix + entry.getKey();
            JsonNode field = entry.getValue();
            if (field.path("enabled").asBoolean(true) && field.has("properties")) {
                collect(name + ".", field.path("properties"), types);
            } else if (field.has("type") && !field.path("type").asText().equals("object")) {
                types.put(name, field.path("type").asText());
            }
        }
    }
}
