package io.logwarden.search.internal;

import io.logwarden.search.QuerySyntaxException;
import io.logwarden.storage.EventFields;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of query values against the type of their field, and "did you mean" for unknown field names. */
final class FieldValues {

    static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern IP = Pattern.compile("[0-9a-fA-F:.]+(/\\d{1,3})?");
    private static final Pattern DATE = Pattern.compile(
            "now([+-]\\d+[yMwdhHms])*(/[yMwdhHms])?|\\d+|\\d{4}(-\\d{2}(-\\d{2}([T ]\\d{2}(:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?"
                    + "(Z|[+-]\\d{2}(:?\\d{2})?)?)?)?)?(\\|\\|.*)?");

    private FieldValues() {
    }

    /** Throws when {@code name} (a field name or a {@code *} pattern, at offset {@code at} of {@code query}) is unknown. */
    static void checkField(String query, String name, int at) {
        if (name.contains("*")) {
            Pattern glob = Pattern.compile(Pattern.quote(name).replace("*", "\\E.*\\Q"));
            if (EventFields.types().keySet().stream().noneMatch(f -> glob.matcher(f).matches())) {
                throw QuerySyntaxException.at(query, at, "No field matches '" + name + "'");
            }
        } else if (EventFields.typeOf(name).isEmpty()) {
            throw QuerySyntaxException.at(query, at, "Unknown field '" + name + "'" + suggestion(name));
        }
    }

    /** Throws when {@code value} (at offset {@code at} of {@code query}) does not fit the type of {@code field}. */
    static void checkValue(String query, String field, String value, int at, boolean wildcard) {
        String problem = problem(field, value, wildcard);
        if (problem != null) {
            throw QuerySyntaxException.at(query, at, "Field '" + field + "' " + problem + ", not '" + value + "'");
        }
    }

    /** Whether the field is matched as text (phrases, fuzziness): text, keyword and label fields. */
    static boolean textLike(String field) {
        return EventFields.typeOf(field).orElse("keyword").matches("text|keyword|flattened");
    }

    /** What is wrong with {@code value} for {@code field}'s type, or null when it fits. */
    static String problem(String field, String value, boolean wildcard) {
        Optional<String> type = EventFields.typeOf(field);
        if (type.isEmpty() || value.equals("*")) {
            return null;
        }
        return switch (type.get()) {
            case "long", "integer", "short", "byte", "double", "float", "scaled_float" ->
                    wildcard || !NUMBER.matcher(value).matches() ? "expects a number" : null;
            case "ip" -> wildcard || !IP.matcher(value).matches()
                    ? "expects an IP address or a CIDR block like 10.0.0.0/8" : null;
            case "date", "date_nanos" -> wildcard || !DATE.matcher(value).matches()
                    ? "expects an ISO-8601 date or time (2026-11-21T10:00:00Z), epoch milliseconds or date "
                    + "math (now-1h)" : null;
            case "boolean" -> value.equals("true") || value.equals("false") ? null : "expects true or false";
            default -> null;
        };
    }

    static String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : EventFields.types().keySet()) {
            int d = known.endsWith("." + name) ? 0 : distance(name, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean '" + best + "'?"
                : "; custom fields live under 'labels.', e.g. labels." + name;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
