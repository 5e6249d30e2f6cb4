package io.logwarden.search.ui;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Nested event documents as dotted field → display text, and as pretty JSON. */
final class FlatFields {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FlatFields() {
    }

    static Map<String, String> of(Map<String, Object> document) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", document, flat);
        return flat;
    }

    static String json(Map<String, Object> document) {
        return JSON.writeValueAsString(document);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()
                    && !path.equals("audit.before") && !path.equals("audit.after")) {
                flatten(path + ".", nested, flat);
            } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
                flat.put(path, JsonMapper.builder().build().writeValueAsString(value));
            } else {
                flat.put(path, value == null ? "" : String.valueOf(value));
            }
        });
    }
}
