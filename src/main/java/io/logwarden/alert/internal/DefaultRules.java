package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.VersionedDocumentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The rules Logwarden ships, created disabled on first start (enabling one needs a channel). */
public final class DefaultRules {

    private DefaultRules() {
    }

    public static List<AlertRule> all(Instant now) {
        NoiseControl hourly = new NoiseControl(Duration.ofHours(4), 20, null);
        return List.of(
                rule("default-critical-events", "Critical events", "Any event logged at critical level",
                        RuleKind.QUERY_MATCH, Severity.CRITICAL, "log.level:critical", "service.name",
                        Duration.ofMinutes(5), 0, hourly, now),
                rule("default-error-rate", "Error rate above 10% in 1 h",
                        "Share of error and critical events per service over the last hour",
                        RuleKind.ERROR_RATE, Severity.HIGH, "", "service.name", Duration.ofHours(1), 10, hourly, now),
                rule("default-failed-logins", "Failed logins above threshold",
                        "More than 5 failed logins of one user within 5 minutes", RuleKind.COUNT_THRESHOLD,
                        Severity.HIGH, "event.action:LOGIN_FAILED OR (event.category:authentication AND event.outcome:failure)",
                        "user.name", Duration.ofMinutes(5), 5, hourly, now),
                rule("default-silent-source", "Silent source",
                        "A service that logged in the previous hours sent nothing for 15 minutes", RuleKind.ABSENCE,
                        Severity.MEDIUM, "", "service.name", Duration.ofMinutes(15), 0, hourly, now),
                rule("default-high-anomaly", "High anomaly score", "An anomaly scored 80 or more",
                        RuleKind.ANOMALY, Severity.HIGH, "", "entity", Duration.ofMinutes(15), 80, hourly, now));
    }

    private static AlertRule rule(String id, String name, String description, RuleKind kind, Severity severity,
                                  String query, String groupBy, Duration window, double threshold, NoiseControl noise,
                                  Instant now) {
        return new AlertRule(id, name, description, false, kind, severity, query, null, groupBy, window, threshold,
                Duration.ofMinutes(1), noise, null, null, List.of(), "admin", ScopeFilter.UNRESTRICTED, now, now);
    }

    /** Which default rules were installed once; a default deleted later is not installed again. */
    public record Installed(List<String> ids, Instant updatedAt) {
        public Installed {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }
    }

    static final String INSTALLED = "installed";

    /**
     * Creates the default rules never installed before; an existing (possibly edited) rule is left alone and a
     * deleted one stays deleted. Installations from before this record existed count as installed when any
     * default rule is present.
     */
    public static int install(VersionedDocumentStore store, Instant now) {
        List<AlertRule> defaults = all(now);
        var marker = store.get(AlertIndices.DEFAULTS, INSTALLED, Installed.class);
        java.util.Set<String> installed = new java.util.LinkedHashSet<>();
        if (marker.isPresent()) {
            installed.addAll(marker.get().document().ids());
        } else {
            boolean earlier = defaults.stream()
                    .anyMatch(r -> store.get(AlertIndices.RULES, r.id(), AlertRule.class).isPresent());
            if (earlier) {
                defaults.forEach(r -> installed.add(r.id()));
            }
        }
        int created = 0;
        for (AlertRule rule : defaults) {
            if (installed.contains(rule.id())) {
                continue;
            }
            if (store.create(AlertIndices.RULES, rule.id(), rule.withRevision(1L)).isPresent()) {
                created++;
            }
            installed.add(rule.id());
        }
        Installed updated = new Installed(List.copyOf(installed), now);
        if (marker.isEmpty()) {
            store.create(AlertIndices.DEFAULTS, INSTALLED, updated);
        } else if (!marker.get().document().ids().equals(updated.ids())) {
            store.replace(AlertIndices.DEFAULTS, INSTALLED, updated, marker.get().version());
        }
        return created;
    }
}
