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
 * @param query           Lucene query selecting the events (QUERY_MATCH, COUNT_THRESHOLD, ERROR_RATE, ABSENCE; empty =
 *                        all events); for HEALTH the component name (empty = every component); unused by ANOMALY
 * @param errorQuery      ERROR_RATE only: the errors among {@code query} (default {@code log.level:(error OR critical)})
 * @param groupBy         aggregatable event field to group by (e.g. {@code user.name}, {@code service.name}); ANOMALY
 *                        rules may use {@code entity} (the anomaly's entity); null: one group
 * @param window          look-back window of the condition
 * @param threshold       count, percentage, anomaly score or latency (ms), depending on the kind
 * @param schedule        how often the rule is evaluated
 * @param noise           re-notify, throttling and quiet hours
 * @param titleTemplate   notification title ({@link TemplateFields}); null for the default
 * @param messageTemplate notification body ({@link TemplateFields}); null for the default
 * @param channels        where notifications go
 * @param owner           user who created the rule; the rule sees that user's scope, re-read at every evaluation
 * @param scope           the owner's data scope when last saved (for display; evaluation uses the owner's current one)
 * @param createdAt       creation time
 * @param updatedAt       last change
 * @param anomalySeverity ANOMALY only: the least detector severity (LOW, MEDIUM, HIGH) that fires, besides the score
 *                        threshold; null: any severity
 * @param revision        incremented by every save; an update naming an older revision is refused (optimistic
 *                        concurrency); null in a draft means "do not check"
 */
public record AlertRule(String id, String name, String description, Boolean enabled, RuleKind kind,
                        Severity severity, String query, String errorQuery, String groupBy, Duration window,
                        Double threshold, Duration schedule, NoiseControl noise, String titleTemplate,
                        String messageTemplate, List<ChannelConfig> channels, String owner, ScopeFilter scope,
                        Instant createdAt, Instant updatedAt, Severity anomalySeverity, Long revision) {

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

    /** A rule without anomaly severity and revision (drafts, tests, the shipped defaults). */
    public AlertRule(String id, String name, String description, Boolean enabled, RuleKind kind, Severity severity,
                     String query, String errorQuery, String groupBy, Duration window, Double threshold,
                     Duration schedule, NoiseControl noise, String titleTemplate, String messageTemplate,
                     List<ChannelConfig> channels, String owner, ScopeFilter scope, Instant createdAt,
                     Instant updatedAt) {
        this(id, name, description, enabled, kind, severity, query, errorQuery, groupBy, window, threshold, schedule,
                noise, titleTemplate, messageTemplate, channels, owner, scope, createdAt, updatedAt, null, null);
    }

    public AlertRule withEnabled(boolean value) {
        return new AlertRule(id, name, description, value, kind, severity, query, errorQuery, groupBy, window,
                threshold, schedule, noise, titleTemplate, messageTemplate, channels, owner, scope, createdAt,
                Instant.now(), anomalySeverity, revision);
    }

    public AlertRule withIdentity(String newId, String newOwner, ScopeFilter newScope, Instant created,
                                  Instant updated) {
        return new AlertRule(newId, name, description, enabled, kind, severity, query, errorQuery, groupBy, window,
                threshold, schedule, noise, titleTemplate, messageTemplate, channels, newOwner, newScope, created,
                updated, anomalySeverity, revision);
    }

    /** The same rule evaluated within another scope (the owner's current one). */
    public AlertRule withScope(ScopeFilter newScope) {
        return new AlertRule(id, name, description, enabled, kind, severity, query, errorQuery, groupBy, window,
                threshold, schedule, noise, titleTemplate, messageTemplate, channels, owner, newScope, createdAt,
                updatedAt, anomalySeverity, revision);
    }

    public AlertRule withChannels(List<ChannelConfig> newChannels) {
        return new AlertRule(id, name, description, enabled, kind, severity, query, errorQuery, groupBy, window,
                threshold, schedule, noise, titleTemplate, messageTemplate, newChannels, owner, scope, createdAt,
                updatedAt, anomalySeverity, revision);
    }

    public AlertRule withRevision(Long newRevision) {
        return new AlertRule(id, name, description, enabled, kind, severity, query, errorQuery, groupBy, window,
                threshold, schedule, noise, titleTemplate, messageTemplate, channels, owner, scope, createdAt,
                updatedAt, anomalySeverity, newRevision);
    }

    /** The stored revision, 0 for rules saved before revisions existed. */
    public long currentRevision() {
        return revision == null ? 0 : revision;
    }
}
