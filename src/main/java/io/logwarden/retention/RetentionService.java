package io.logwarden.retention;

import io.logwarden.audit.AuditEntry;
import io.logwarden.audit.AuditService;
import io.logwarden.security.AccessService;
import io.logwarden.security.Roles;
import io.logwarden.storage.DailyIndex;
import io.logwarden.storage.IndexLifecycle;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Applies per-category retention by deleting whole daily indices, never one covered by a legal hold. Every deletion
 * is written to the audit trail with the admin who applied it (or {@code system} for the schedule).
 */
@Service
public class RetentionService {

    static final String SYSTEM = "system";
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final IndexLifecycle indices;
    private final RetentionProperties properties;
    private final Clock clock;
    private final AuditService audit;
    private final AccessService access;

    public RetentionService(IndexLifecycle indices, RetentionProperties properties, ObjectProvider<Clock> clock,
                            AuditService audit, AccessService access) {
        this.audit = audit;
        this.indices = indices;
        this.properties = properties;
        this.access = access;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** What a run would delete now, without deleting anything. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    public RetentionPlan preview() {
        return plan(clock.instant());
    }

    /**
     * Deletes the indices of a previewed plan ({@code previewed}: the names the preview marked DELETE). Each is
     * checked again against the plan at this moment: an index no longer past retention, or held meanwhile, is
     * skipped, and nothing the preview did not show is deleted.
     */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    public RetentionPlan apply(Collection<String> previewed) {
        return apply(previewed, clock.instant(), access.current().username());
    }

    /** {@link #apply(Collection)} at {@code at} for {@code actor}; package-visible for tests with a fixed time. */
    RetentionPlan apply(Collection<String> previewed, Instant at, String actor) {
        RetentionPlan now = plan(at);
        Set<String> stillDue = now.deletions().stream().map(RetentionDecision::index).collect(Collectors.toSet());
        List<RetentionDecision> chosen = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String index : Set.copyOf(previewed)) {
            if (stillDue.contains(index)) {
                now.decisions().stream().filter(d -> d.index().equals(index)).findFirst().ifPresent(chosen::add);
            } else {
                skipped.add(index + ": " + now.decisions().stream().filter(d -> d.index().equals(index))
                        .findFirst().map(d -> d.action() + " (" + d.reason() + ")").orElse("no such daily index"));
            }
        }
        RetentionPlan previewedPlan = new RetentionPlan(now.evaluatedAt(), false, now.decisions().stream()
                .map(d -> d.action() == RetentionDecision.Action.DELETE && !chosen.contains(d)
                        ? new RetentionDecision(d.index(), d.category(), d.day(), d.documents(), d.sizeBytes(),
                        RetentionDecision.Action.KEEP, "not in the applied preview") : d).toList(), List.of(),
                skipped);
        return execute(previewedPlan, actor, "admin request");
    }

    @Scheduled(cron = "${logwarden.retention.schedule:0 30 3 * * *}")
    void scheduledRun() {
        if (!properties.enabled()) {
            return;
        }
        try {
            execute(plan(clock.instant()), SYSTEM, "schedule");
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
        return new RetentionPlan(now, false, decisions, List.of(), List.of());
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

    /** Deletes the plan's DELETE indices, each audited with {@code actor}; package-visible for tests. */
    RetentionPlan execute(RetentionPlan plan, String actor, String trigger) {
        List<String> failures = new ArrayList<>();
        for (RetentionDecision deletion : plan.deletions()) {
            try {
                indices.delete(deletion.index());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("trigger", trigger);
                details.put("category", String.valueOf(deletion.category()));
                details.put("day", deletion.day().toString());
                details.put("documents", deletion.documents());
                details.put("reason", deletion.reason());
                details.put("plan_evaluated_at", plan.evaluatedAt().toString());
                audit.record(new AuditEntry("retention.delete", "configuration", AuditEntry.SUCCESS, actor, null,
                        "index", deletion.index(), details));
            } catch (RuntimeException e) {
                failures.add(deletion.index() + ": " + e.getMessage());
                log.warn("Retention could not delete {}", deletion.index(), e);
            }
        }
        return new RetentionPlan(plan.evaluatedAt(), true, plan.decisions(), failures, plan.skipped());
    }
}
