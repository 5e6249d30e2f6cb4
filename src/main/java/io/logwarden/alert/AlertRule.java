package io.logwarden.alert;

import io.logwarden.storage.ScopeFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert rule as stored in {@code .logwarden-alert-rules}.
 *
 * @param id              stable id
 * @param name            display name
 * @param description     free text
 * @param enabled         evaluated only when true
 * @param kind            what the rule watches
 * @param severity        severity of its alerts
 * @param query           Lucene query selecting the events (ignored by ANOMALY and HEALTH; empty = all events)
 * @param errorQuery      ERROR_RATE only: the errors among {@code query} (default {@code log.level:(error OR critical)})
 * @param groupBy         keyword field to group by (e.g. {@code user.name}, {@code service.name}); null: one group
 * @param window          look-back window of the condition
 * @param threshold       count, percentage or anomaly score, depending on the kind
 * @param schedule        how often the rule is evaluated
 * @param noise           re-notify, throttling and quiet hours
 * @param titleTemplate   notification title ({@link TemplateFields}); null for the default
 * @param messageTemplate notification body ({@link TemplateFields}); null for the default
 * @param channels        where notifications go
 * @param owner           user who created the rule
 * @param scope           the owner's data scope when saved, applied outside {@code query}
 * @param createdAt       creation time
 * @param updatedAt       last change
 */
public record AlertRule(String id, String name, String description, Boolean enabled, RuleKind kind,
                        Severity severity, String query, String errorQuery, String groupBy, Duration window,
                        Double threshold, Duration schedule, NoiseControl noise, String titleTemplate,
                        String messageTemplate, List<ChannelConfig> channels, String owner, ScopeFilter scope,
                        Instant createdAt, Instant updatedAt) {

    public static final String DEFAULT_ERROR_QUERY = "log.level:(error OR critical)";

    public AlertRule {
        Objects.requireNonNull(kind, "kind is required");
        enabled = enabled != null && enabled;
        threshold = threshold == null ? 0.0 : threshold;
        severity = severity == null ? Severity.MEDIUM : severity;
        query = query == null ? "" : query.trim();
        errorQuery = errorQuery == null || errorQuery.isBlank() ? DEFAULT_ERROR_QUERY : errorQuery.trim();
        groupBy = groupBy == null || groupBy.isBlank() ? null : groupBy.trim();
        window = window == null ? Duration.ofMinutes(5) : window;
        schedule = schedule == null ? Duration.ofMinutes(1) : schedule;
        noise = noise == null ? NoiseControl.NONE : noise;
        channels = channels == null ? List.of() : List.copyOf(channels);
        scope = scope == null ? ScopeFilter.NOTHING : scope;
    }

    public AlertRule withEnabled(boolean value) {
        return new AlertRule(id, name, description, value, kind, severity, query, errorQuery, groupBy, window,
                threshold, schedule, noise, titleTemplate, messageTemplate, channels, owner, scope, createdAt,
                Instant.now());
    }

    public AlertRule withIdentity(String newId, String newOwner, ScopeFilter newScope, Instant created,
                                  Instant updated) {
        return new AlertRule(newId, name, description, enabled, kind, severity, query, errorQuery, groupBy, window,
                threshold, schedule, noise, titleTemplate, messageTemplate, channels, newOwner, newScope, created,
                updated);
    }
}
