package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.anomaly.AnomalyService;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.Learning;
import io.logwarden.anomaly.SystemAnomalyScore;
import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.AnomalyRecords;
import io.logwarden.storage.ScopeFilter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Reads and reviews anomaly records for the current user: the user's scope goes into every query (anomalies carry
 * {@code service.name} and, when they concern exactly one tenant, {@code organization.id}; see docs/decisions/034),
 * and reviews go to the audit trail.
 */
@Service
class DefaultAnomalyService implements AnomalyService {

    private static final Set<String> REVIEWERS = Set.of(Roles.ADMIN, Roles.ANALYST, Roles.OPERATIONS);

    private final AnomalyRecords records;
    private final AnomalyProperties properties;
    private final AccessService access;
    private final AuditService audit;
    private final Clock clock = Clock.systemUTC();

    DefaultAnomalyService(AnomalyRecords records, AnomalyProperties properties, AccessService access,
                          AuditService audit) {
        this.records = records;
        this.properties = properties;
        this.access = access;
        this.audit = audit;
    }

    @Override
    @PreAuthorize(READ)
    public List<Anomaly> list(Instant from, Instant to, double minScore, int max) {
        return records.search(scope(), from, to, minScore, max).stream().map(AnomalyDocuments::fromDocument)
                .toList();
    }

    @Override
    @PreAuthorize(READ)
    public Optional<Anomaly> find(String id) {
        return records.find(scope(), id).map(AnomalyDocuments::fromDocument);
    }

    @Override
    @PreAuthorize(REVIEW)
    public boolean acknowledge(String id) {
        Optional<Anomaly> anomaly = find(id);
        if (anomaly.isEmpty()) {
            return false;
        }
        review(anomaly.get(), "anomaly.acknowledge", Map.of("feedback", "acknowledged"));
        return true;
    }

    @Override
    @PreAuthorize(REVIEW)
    public Optional<Anomaly> markFalsePositive(String id) {
        Optional<Anomaly> anomaly = find(id);
        if (anomaly.isEmpty()) {
            return Optional.empty();
        }
        Anomaly a = anomaly.get();
        if (a.status() == AnomalyStatus.FALSE_POSITIVE) {
            return anomaly;
        }
        review(a, "anomaly.false_positive", Map.of("feedback", "false_positive", "learning", "pending",
                "learning_note", ""));
        return Optional.of(a.withStatus(AnomalyStatus.FALSE_POSITIVE).withLearning(Learning.PENDING, ""));
    }

    private void review(Anomaly a, String action, Map<String, Object> fields) {
        CurrentUser user = access.current();
        Map<String, Object> update = new LinkedHashMap<>(fields);
        update.put("reviewed_by", user.username());
        update.put("reviewed_at", clock.instant().toString());
        records.update(a.id(), update);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("detector", a.kind().id());
        details.put("entity", a.entity().key());
        details.put("score", a.score());
        details.put("window_start", a.windowStart().toString());
        audit.record(new AuditEntry(action, null, AuditEntry.SUCCESS, user.username(), null, "anomaly", a.id(),
                details));
    }

    @Override
    @PreAuthorize(READ)
    public SystemAnomalyScore systemScore() {
        Instant to = clock.instant();
        return systemScore(to.minus(properties.systemScorePeriod()), to);
    }

    @Override
    @PreAuthorize(READ)
    public boolean mayReview() {
        return access.current().roles().stream().anyMatch(REVIEWERS::contains);
    }

    @Override
    @PreAuthorize(READ)
    public SystemAnomalyScore systemScore(Instant from, Instant to) {
        List<Anomaly> active = list(from, to, properties.reportThreshold(), 10_000).stream()
                .filter(a -> a.status() != AnomalyStatus.FALSE_POSITIVE).toList();
        double score = summarise(active, properties.mediumThreshold());
        return new SystemAnomalyScore(score, properties.severityOf(score), active.size(), from, to,
                properties.mediumThreshold(), properties.highThreshold());
    }

    /** Highest score, plus 10 per tenfold of medium-or-higher anomalies beyond the first; capped at 100. */
    static double summarise(List<Anomaly> anomalies, double medium) {
        double max = anomalies.stream().mapToDouble(Anomaly::score).max().orElse(0);
        long serious = anomalies.stream().filter(a -> a.score() >= medium).count();
        double boost = serious > 1 ? 10 * Math.log10(serious) : 0;
        return Math.min(100, Math.round((max + boost) * 10) / 10.0);
    }

    private ScopeFilter scope() {
        return access.current().scope().toFilter();
    }
}
