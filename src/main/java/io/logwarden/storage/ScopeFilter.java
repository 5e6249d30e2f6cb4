package io.logwarden.storage;

import java.util.Map;
import java.util.Set;

/**
 * The documents a user may see, applied by storage as a filter outside any query the user typed, so no query syntax
 * can widen it. Each entry restricts one field to a set of values (all entries must hold); an empty map means
 * unrestricted. {@link #NOTHING} matches no document.
 *
 * @param allowedValues field name → values the field must have one of
 * @param matchNothing  true for a scope that allows no document at all
 */
public record ScopeFilter(Map<String, Set<String>> allowedValues, boolean matchNothing) {

    public static final ScopeFilter UNRESTRICTED = new ScopeFilter(Map.of(), false);
    public static final ScopeFilter NOTHING = new ScopeFilter(Map.of(), true);

    public ScopeFilter {
        allowedValues = Map.copyOf(allowedValues);
        if (allowedValues.values().stream().anyMatch(Set::isEmpty)) {
            throw new IllegalArgumentException("A restricted field needs at least one allowed value");
        }
    }

    public static ScopeFilter of(Map<String, Set<String>> allowedValues) {
        return allowedValues.isEmpty() ? UNRESTRICTED : new ScopeFilter(allowedValues, false);
    }

    public boolean unrestricted() {
        return !matchNothing && allowedValues.isEmpty();
    }
}
