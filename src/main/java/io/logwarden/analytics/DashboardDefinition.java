package io.logwarden.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A user-built dashboard, stored in {@code .logwarden-dashboards}.
 *
 * @param id         document id
 * @param title      name shown in the picker
 * @param owner      username of its creator, who may change or delete it
 * @param sharedWith roles whose users may open it (read-only)
 * @param widgets    in display order
 * @param updatedAt  last save
 */
public record DashboardDefinition(String id, String title, String owner, Set<String> sharedWith, List<Widget> widgets,
                                  Instant updatedAt) {

    public DashboardDefinition {
        sharedWith = sharedWith == null ? Set.of() : Set.copyOf(sharedWith);
        widgets = widgets == null ? List.of() : List.copyOf(widgets);
    }
}
