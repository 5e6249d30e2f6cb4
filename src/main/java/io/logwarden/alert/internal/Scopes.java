package io.logwarden.alert.internal;

import io.logwarden.storage.ScopeFilter;
import java.util.Map;
import java.util.Set;

/** Whether one data scope contains another: a recipient may get a rule's notifications only if it does. */
final class Scopes {

    private Scopes() {
    }

    /** True when everything {@code inner} lets through, {@code outer} lets through too. */
    static boolean covers(ScopeFilter outer, ScopeFilter inner) {
        if (inner.matchNothing()) {
            return true;
        }
        if (outer.matchNothing()) {
            return false;
        }
        for (Map.Entry<String, Set<String>> restriction : outer.allowedValues().entrySet()) {
            Set<String> innerValues = inner.allowedValues().get(restriction.getKey());
            if (innerValues == null || !restriction.getValue().containsAll(innerValues)) {
                return false;
            }
        }
        return true;
    }
}
