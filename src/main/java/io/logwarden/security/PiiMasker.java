package io.logwarden.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Masks personal data in events shown to users whose roles may not see it. Masking happens on output only: the
 * stored event keeps the real values, so a masked field can still be searched by value. Works on nested maps and on
 * dotted keys alike ({@code {"user":{"email":..}}} and {@code {"user.email":..}}).
 */
@Component
public class PiiMasker {

    public static final List<String> BUILT_IN_FIELDS = List.of("user.email", "user.name", "source.ip",
            "user_agent.original");
    public static final String MASK = "***";

    private final Set<String> fields;

    public PiiMasker(SecurityProperties properties) {
        Set<String> all = new LinkedHashSet<>(BUILT_IN_FIELDS);
        all.addAll(properties.piiFields());
        this.fields = Set.copyOf(all);
    }

    /** The event as {@code user} may see it: unchanged if they see PII, else a masked copy. */
    public Map<String, Object> mask(Map<String, Object> event, CurrentUser user) {
        return user.piiVisible() ? event : mask(event);
    }

    /** A copy of the event with every PII field masked; the argument is not changed. */
    public Map<String, Object> mask(Map<String, Object> event) {
        return maskMap(event, "");
    }

    private Map<String, Object> maskMap(Map<?, ?> map, String prefix) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (fields.contains(path)) {
                copy.put(String.valueOf(key), maskValue(path, value));
            } else if (value instanceof Map<?, ?> nested) {
                copy.put(String.valueOf(key), maskMap(nested, path + "."));
            } else if (value instanceof List<?> list && isPrefixOfAField(path)) {
                copy.put(String.valueOf(key), list.stream()
                        .map(item -> item instanceof Map<?, ?> m ? maskMap(m, path + ".") : item).toList());
            } else {
                copy.put(String.valueOf(key), value);
            }
        });
        return copy;
    }

    /**
     * One value of {@code field} as {@code user} may see it: masked (same format as in events) when the field is
     * personal data and the user has no PII access, else unchanged. For single values outside events, such as alert
     * group keys.
     */
    public String maskValue(String field, String value, CurrentUser user) {
        if (value == null || user.piiVisible() || field == null || !fields.contains(field)) {
            return value;
        }
        return maskString(field, value);
    }

    private boolean isPrefixOfAField(String path) {
        return fields.stream().anyMatch(f -> f.startsWith(path + "."));
    }

    private static Object maskValue(String field, Object value) {
        return switch (value) {
            case null -> null;
            case List<?> list -> list.stream().map(item -> maskValue(field, item)).toList();
            case Map<?, ?> map -> MASK;
            default -> maskString(field, String.valueOf(value));
        };
    }

    static String maskString(String field, String value) {
        if (value.isEmpty()) {
            return value;
        }
        return switch (field) {
            case "user.email" -> email(value);
            case "user.name" -> value.substring(0, value.offsetByCodePoints(0, 1)) + MASK;
            case "source.ip" -> ip(value);
            case "user_agent.original" -> userAgent(value);
            default -> MASK;
        };
    }

    /** {@code jane.doe@example.com} → {@code j***@example.com}. */
    static String email(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0) {
            return MASK;
        }
        return value.substring(0, value.offsetByCodePoints(0, 1)) + MASK + value.substring(at);
    }

    /** IPv4 keeps its first two octets ({@code 10.0.x.x}), IPv6 its first two groups ({@code 2001:db8:x:x:x:x:x:x}). */
    static String ip(String value) {
        InetAddress address;
        try {
            address = value.matches("[0-9A-Fa-f:.%]+[0-9A-Za-z]*") ? InetAddress.ofLiteral(value) : null;
        } catch (IllegalArgumentException e) {
            address = null;
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + ".x.x";
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            return Integer.toHexString(((b[0] & 0xff) << 8) | (b[1] & 0xff)) + ":"
                    + Integer.toHexString(((b[2] & 0xff) << 8) | (b[3] & 0xff)) + ":x:x:x:x:x:x";
        }
        return MASK;
    }

    /** Keeps the product token only: {@code Mozilla/5.0 (X11; Linux) ...} → {@code Mozilla/***}. */
    static String userAgent(String value) {
        int slash = value.indexOf('/');
        int space = value.indexOf(' ');
        if (slash > 0 && (space < 0 || slash < space)) {
            return value.substring(0, slash + 1) + MASK;
        }
        return MASK;
    }
}
