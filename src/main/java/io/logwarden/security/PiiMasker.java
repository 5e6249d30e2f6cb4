package io.logwarden.security;

import io.logwarden.security.PiiPolicy.Kind;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The one PII policy of every output (search, timelines, exports, charts, alerts): which fields hold personal data
 * and how they are masked for users whose roles may not see it. Masking happens on output only: the stored event
 * keeps the real values, so a masked field can still be searched by value. Works on nested maps and on dotted keys
 * alike ({@code {"user":{"email":..}}} and {@code {"user.email":..}}), and looks inside {@code labels} and the
 * {@code audit.before/after/changes} blobs for keys such as {@code email} or {@code customer_ip}.
 */
@Component
public class PiiMasker {

    /** The personal ECS fields of DESIGN.md, masked for roles without PII access. */
    public static final List<String> BUILT_IN_FIELDS = List.of("user.email", "user.name", "source.ip",
            "user_agent.original", "user.id", "user.roles");
    public static final String MASK = "***";
    private static final Set<String> VALUE_KEYS_OF_CHANGES = Set.of("before", "after", "from", "to", "old", "new");

    private final PiiPolicy policy;
    private final Set<String> piiRoles;

    public PiiMasker(SecurityProperties properties) {
        this.policy = new PiiPolicy(BUILT_IN_FIELDS, properties.piiFields(), properties.piiKeys());
        this.piiRoles = Set.copyOf(properties.piiRoles());
    }

    /** Whether users with these roles see personal data unmasked ({@code logwarden.security.pii-roles}). */
    public boolean piiVisible(Collection<String> roles) {
        return roles.stream().anyMatch(piiRoles::contains);
    }

    /** Whether the field (dotted path, e.g. {@code labels.customer_email}) holds personal data. */
    public boolean isPersonal(String field) {
        return field != null && policy.kindOf(field).isPresent();
    }

    /**
     * One value as {@code user} may see it: unchanged if they see PII or the field is not personal, else masked in
     * the same format as everywhere else. For values that leave the event, e.g. alert group keys or top values.
     */
    public String maskValue(String field, String value, CurrentUser user) {
        if (value == null || user.piiVisible()) {
            return value;
        }
        Optional<Kind> kind = policy.kindOf(field);
        return kind.isEmpty() ? value : maskString(kind.get(), value);
    }

    /** One value of the field masked if the field is personal, whoever asks (list and map values keep their shape). */
    public Object maskValue(String field, Object value) {
        Optional<Kind> kind = policy.kindOf(field);
        return kind.isEmpty() ? value : maskAll(kind.get(), value);
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
            Optional<Kind> kind = policy.kindOf(path);
            if (kind.isPresent()) {
                copy.put(String.valueOf(key), maskAll(kind.get(), value));
            } else if (value instanceof Map<?, ?> nested) {
                copy.put(String.valueOf(key), maskMap(nested, path + "."));
            } else if (value instanceof List<?> list) {
                copy.put(String.valueOf(key), list.stream().map(item -> maskListItem(item, path)).toList());
            } else {
                copy.put(String.valueOf(key), value);
            }
        });
        return copy;
    }

    /** Items of a list are objects at the list's path; {@code audit.changes} lists name their field in "field". */
    private Object maskListItem(Object item, String path) {
        if (!(item instanceof Map<?, ?> map)) {
            return item;
        }
        if (path.equals("audit.changes") && map.get("field") instanceof String field) {
            Optional<Kind> kind = policy.kindOf(path + "." + field);
            if (kind.isPresent()) {
                Map<String, Object> change = new LinkedHashMap<>();
                map.forEach((k, v) -> change.put(String.valueOf(k),
                        VALUE_KEYS_OF_CHANGES.contains(String.valueOf(k)) ? maskAll(kind.get(), v) : v));
                return change;
            }
        }
        return maskMap(map, path + ".");
    }

    /** Every leaf of the value masked as {@code kind}; maps and lists keep their shape (diffs still line up). */
    private static Object maskAll(Kind kind, Object value) {
        return switch (value) {
            case null -> null;
            case List<?> list -> list.stream().map(item -> maskAll(kind, item)).toList();
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), maskAll(kind, v)));
                yield copy;
            }
            case Boolean b -> MASK;
            default -> maskString(kind, String.valueOf(value));
        };
    }

    static String maskString(String field, String value) {
        return maskString(PiiPolicy.builtInKind(field), value);
    }

    static String maskString(Kind kind, String value) {
        if (value.isEmpty()) {
            return value;
        }
        return switch (kind) {
            case EMAIL -> email(value);
            case NAME -> value.substring(0, value.offsetByCodePoints(0, 1)) + MASK;
            case IP -> ip(value);
            case USER_AGENT -> userAgent(value);
            case FULL -> MASK;
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
