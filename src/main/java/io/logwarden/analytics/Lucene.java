package io.logwarden.analytics;

import java.util.Collection;
import java.util.stream.Collectors;

/** Builds Lucene query strings for click-through filters. */
public final class Lucene {

    private Lucene() {
    }

    /** {@code field:"value"}, or {@code NOT _exists_:field} for {@code null}. */
    public static String term(String field, String value) {
        if (value == null) {
            return "NOT _exists_:" + field;
        }
        return field + ":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String anyOf(String field, Collection<String> values) {
        return values.stream().map(v -> term(field, v)).collect(Collectors.joining(" OR ", "(", ")"));
    }

    /** Both filters; either may be blank. */
    public static String and(String a, String b) {
        if (a == null || a.isBlank()) {
            return b == null ? "" : b;
        }
        if (b == null || b.isBlank()) {
            return a;
        }
        return "(" + a + ") AND (" + b + ")";
    }
}
