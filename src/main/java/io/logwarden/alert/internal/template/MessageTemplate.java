package io.logwarden.alert.internal.template;

import io.logwarden.alert.AlertValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A parsed template: literal text and {@code {{field}}} placeholders, nothing else (no loops, no expressions).
 * Parsing reports every problem with its position; rendering never fails (a missing value renders empty).
 */
public final class MessageTemplate {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@-]*");

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String field) implements Part {
    }

    private final List<Part> parts;
    private final Set<String> fields;

    private MessageTemplate(List<Part> parts) {
        this.parts = List.copyOf(parts);
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Placeholder(String field)) {
                names.add(field);
            }
        }
        this.fields = Collections.unmodifiableSet(names);
    }

    /**
     * Parses a template.
     *
     * @param label         name of the template in error messages, e.g. "message template"
     * @param source        the template text
     * @param allowedFields the placeholders that may be used
     * @throws AlertValidationException listing every unbalanced brace and unknown placeholder
     */
    public static MessageTemplate parse(String label, String source, Set<String> allowedFields) {
        List<String> errors = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            int open = source.indexOf("{{", i);
            int strayClose = source.indexOf("}}", i);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                errors.add(label + ": unbalanced '}}' at position " + strayClose + " without an opening '{{'");
                literal.append(source, i, strayClose + 2);
                i = strayClose + 2;
                continue;
            }
            if (open < 0) {
                literal.append(source, i, source.length());
                break;
            }
            literal.append(source, i, open);
            int close = source.indexOf("}}", open + 2);
            int nestedOpen = source.indexOf("{{", open + 2);
            if (close < 0 || (nestedOpen >= 0 && nestedOpen < close)) {
                errors.add(label + ": unbalanced '{{' at position " + open + ": no closing '}}' before "
                        + (close < 0 ? "the end" : "the next '{{'"));
                literal.append("{{");
                i = open + 2;
                continue;
            }
            String name = source.substring(open + 2, close).trim();
            if (name.isEmpty()) {
                errors.add(label + ": empty placeholder '{{}}' at position " + open);
            } else if (!FIELD.matcher(name).matches()) {
                errors.add(label + ": invalid placeholder '{{" + name + "}}' at position " + open
                        + " (only field names are allowed, no expressions)");
            } else if (!allowedFields.contains(name)) {
                errors.add(label + ": unknown placeholder '{{" + name + "}}' at position " + open
                        + "; known fields: " + String.join(", ", new TreeSet<>(allowedFields)));
            } else {
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(name));
            }
            i = close + 2;
        }
        if (!errors.isEmpty()) {
            throw new AlertValidationException(errors);
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new MessageTemplate(parts);
    }

    /** The placeholders used, in order of first use. */
    public Set<String> fields() {
        return fields;
    }

    public String render(Map<String, String> values, Escaper escaper) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal(String text) -> out.append(text);
                case Placeholder(String field) -> {
                    String value = values.get(field);
                    out.append(escaper.escape(value == null ? "" : value));
                }
            }
        }
        return out.toString();
    }
}
