package io.logwarden.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which fields hold personal data, and how each is masked: the built-in ECS fields, the configured
 * {@code pii-fields}, and any key inside the free-form containers ({@code labels}, {@code audit.before},
 * {@code audit.after}, {@code audit.changes}) whose words match one of the configured {@code pii-keys}.
 */
final class PiiPolicy {

    /** How a value is masked. */
    enum Kind { EMAIL, NAME, IP, USER_AGENT, FULL }

    static final List<String> CONTAINERS = List.of("labels", "audit.before", "audit.after", "audit.changes");
    private static final int MAX_CACHED_KEYS = 10_000;

    private final Map<String, Kind> fields;
    private final List<KeyRule> keyRules;
    private final Map<String, Optional<Kind>> keyCache = new ConcurrentHashMap<>();

    private record KeyRule(List<String> words, Kind kind) {
    }

    PiiPolicy(List<String> builtIn, List<String> configuredFields, List<String> keys) {
        Map<String, Kind> all = new LinkedHashMap<>();
        builtIn.forEach(f -> all.put(f, builtInKind(f)));
        configuredFields.forEach(f -> all.putIfAbsent(f.strip(), Kind.FULL));
        this.fields = Map.copyOf(all);
        List<KeyRule> rules = new ArrayList<>();
        for (String key : keys) {
            List<String> words = words(key);
            if (!words.isEmpty()) {
                rules.add(new KeyRule(words, keyKind(words)));
            }
        }
        this.keyRules = List.copyOf(rules);
    }

    /** The masking of the field at this dotted path, empty when it holds no personal data. */
    Optional<Kind> kindOf(String path) {
        Kind exact = fields.get(path);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (String container : CONTAINERS) {
            if (path.length() > container.length() + 1 && path.startsWith(container)
                    && path.charAt(container.length()) == '.') {
                for (String segment : path.substring(container.length() + 1).split("\\.")) {
                    Optional<Kind> kind = keyKind(segment);
                    if (kind.isPresent()) {
                        return kind;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The masking of a key inside a container, by its words. */
    Optional<Kind> keyKind(String key) {
        Optional<Kind> cached = keyCache.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> words = words(key);
        Optional<Kind> kind = keyRules.stream().filter(rule -> containsRun(words, rule.words())).map(KeyRule::kind)
                .findFirst();
        if (keyCache.size() < MAX_CACHED_KEYS) {
            keyCache.put(key, kind);
        }
        return kind;
    }

    /** The lower-case words of a key: {@code customerEmail}, {@code customer_email}, {@code e-mail} alike. */
    static List<String> words(String key) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
            } else {
                if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
                    flush(word, words);
                }
                word.append(Character.toLowerCase(c));
            }
            previous = c;
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean containsRun(List<String> words, List<String> run) {
        for (int start = 0; start + run.size() <= words.size(); start++) {
            if (words.subList(start, start + run.size()).equals(run)) {
                return true;
            }
        }
        return false;
    }

    static Kind builtInKind(String field) {
        return switch (field) {
            case "user.email" -> Kind.EMAIL;
            case "user.name" -> Kind.NAME;
            case "source.ip" -> Kind.IP;
            case "user_agent.original" -> Kind.USER_AGENT;
            default -> Kind.FULL;
        };
    }

    private static Kind keyKind(List<String> words) {
        if (words.contains("email") || words.contains("mail")) {
            return Kind.EMAIL;
        }
        if (words.contains("ip")) {
            return Kind.IP;
        }
        if (words.contains("agent")) {
            return Kind.USER_AGENT;
        }
        if (words.contains("name") || words.contains("username")) {
            return Kind.NAME;
        }
        return Kind.FULL;
    }
}
