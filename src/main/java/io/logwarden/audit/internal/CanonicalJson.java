package io.logwarden.audit.internal;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The byte-exact JSON form an audit record is hashed in: object keys sorted, no whitespace, strings escaped the
 * minimal JSON way, integral numbers as plain digits, other numbers as {@link Double#toString}. Written here rather
 * than by a JSON library so that the hash does not depend on a library's formatting choices.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /**
     * The value reduced to the types a JSON round trip gives back (String, Boolean, Long, Double, Map, List), so the
     * record hashes the same before it is stored and after it is read back.
     */
    static Object normalise(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Byte n -> n.longValue();
            case Short n -> n.longValue();
            case Integer n -> n.longValue();
            case Long n -> n;
            case Float n -> n.doubleValue();
            case Double n -> n;
            case Number n -> n.toString().matches("-?\\d+") ? Long.parseLong(n.toString()) : n.doubleValue();
            case Map<?, ?> map -> {
                Map<String, Object> copy = new TreeMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
                yield copy;
            }
            case Collection<?> list -> list.stream().map(CanonicalJson::normalise).toList();
            case Object[] array -> java.util.Arrays.stream(array).map(CanonicalJson::normalise).toList();
            default -> value.toString();
        };
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case Integer n -> out.append(n.longValue());
            case Long n -> out.append(n);
            case Number n -> out.append(Double.toString(n.doubleValue()));
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (var entry : new TreeMap<>(stringKeys(map)).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(entry.getKey(), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(item, out);
                }
                out.append(']');
            }
            default -> string(value.toString(), out);
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> keys = new TreeMap<>();
        map.forEach((k, v) -> keys.put(String.valueOf(k), v));
        return keys;
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
