package io.logwarden.security;

import io.logwarden.storage.ScopeFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What part of the data a user may see: tenants ({@code organization.id}), services ({@code service.name}) and
 * event categories ({@code event.category}). An empty set leaves that dimension unrestricted.
 */
public record AccessScope(Set<String> organizations, Set<String> services, Set<String> categories) {

    public static final AccessScope EVERYTHING = new AccessScope(Set.of(), Set.of(), Set.of());

    public AccessScope {
        organizations = organizations == null ? Set.of() : Set.copyOf(organizations);
        services = services == null ? Set.of() : Set.copyOf(services);
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }

    /** True when no dimension is restricted (the scope of {@link #EVERYTHING}). */
    public boolean restrictsNothing() {
        return organizations.isEmpty() && services.isEmpty() && categories.isEmpty();
    }

    /** The filter storage applies to every query made for this scope. */
    public ScopeFilter toFilter() {
        Map<String, Set<String>> allowed = new HashMap<>();
        if (!organizations.isEmpty()) {
            allowed.put("organization.id", organizations);
        }
        if (!services.isEmpty()) {
            allowed.put("service.name", services);
        }
        if (!categories.isEmpty()) {
            allowed.put("event.category", categories);
        }
        return ScopeFilter.of(allowed);
    }
}
