package io.logwarden.retention;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import java.util.Map;

import io.logwarden.security.Roles;
import io.logwarden.storage.DailyIndex;
import io.logwarden.storage.IndexLifecycle;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Applies per-category retention by deleting whole daily indices, never one covered by a legal hold. */
@Service
public class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final IndexLifecycle indices;
    private final RetentionProperties properties;
    private final Clock clock;
    private final AuditService audit;

    public RetentionService(IndexLifecycle indices, RetentionProperties properties, ObjectProvider<Clock> clock,
                            AuditService audit) {
        this.audit = audit;
        this.indices = indices;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** What a run would delete now, without deleting anything. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    public RetentionPlan preview() {
        return plan(clock.instant());
    }

    /** Deletes what the plan says, now. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    public RetentionPlan apply() {
        return execute(plan(clock.instant()), "admin request");
    }

    @Scheduled(cron = "${logwarden.retention.schedule:0 30 3 * * *}")
    void scheduledRun() {
        if (!properties.enabled()) {
            return;
        }
        try {
            execute(plan(clock.instant()), "schedule");
        } catch (RuntimeException e) {
            log.warn("Scheduled retention failed; it runs again at the next schedule", e);
        }
    }

    /** The plan at {@code now}; package-visible for tests with a fixed time. */
    RetentionPlan plan(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<RetentionDecision> decisions = new ArrayList<>();
        for (RetentionCategory category : RetentionCategory.values()) {
            Instant cutoff = now.minus(properties.retention(category));
            for (DailyIndex index : indices.dailyIndices(category.family())) {
                decisions.add(decide(category, index, cutoff, today));
            }
        }
        return new RetentionPlan(now, false, decisions, List.of());
    }

    private RetentionDecision decide(RetentionCategory category, DailyIndex index, Instant cutoff, LocalDate today) {
        Instant dayEnd = index.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!index.day().isBefore(today) || dayEnd.isAfter(cutoff)) {
            return decision(index, category, RetentionDecision.Action.KEEP, "within "
                    + properties.retention(category).toDays() + " days");
        }
        Optional<RetentionProperties.LegalHold> hold = properties.legalHolds().stream()
                .filter(h -> h.holds(category, index.day())).findFirst();
        if (hold.isPresent()) {
            return decision(index, category, RetentionDecision.Action.HOLD, "legal hold: " + hold.get().reason());
        }
        return decision(index, category, RetentionDecision.Action.DELETE, "older than "
                + properties.retention(category).toDays() + " days");
    }

    private static RetentionDecision decision(DailyIndex index, RetentionCategory category,
                                              RetentionDecision.Action action, String reason) {
        return new RetentionDecision(index.name(), category, index.day(), index.documents(), index.sizeBytes(),
                action, reason);
    }

    RetentionPlan execute(RetentionPlan plan, String trigger) {
        List<String> failures = new ArrayList<>();
        for (RetentionDecision deletion : plan.deletions()) {
            try {
                indices.delete(deletion.index());
                audit.record(new AuditEntry("retention.delete", "configuration", AuditEntry.SUCCESS, trigger, null,
                        "index", deletion.index(), Map.of("documents", deletion.documents(),
                        "category", String.valueOf(deletion.category()), "reason", deletion.reason())));
            } catch (RuntimeException e) {
                failures.add(deletion.index() + ": " + e.getMessage());
                log.warn("Retention could not delete {}", deletion.index(), e);
            }
        }
        return new RetentionPlan(plan.evaluatedAt(), true, plan.decisions(), failures);
    }
}
