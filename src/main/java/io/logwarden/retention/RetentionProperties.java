package io.logwarden.retention;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retention ({@code logwarden.retention.*}): how long each category is kept. A daily index is deleted once its whole
 * day is older than its category's retention, unless a legal hold covers it.
 *
 * @param enabled     whether the schedule deletes anything (the preview works either way)
 * @param schedule    cron expression of the scheduled run (server time zone)
 * @param application application logs ({@code logwarden-events-YYYY.MM.DD})
 * @param auditEvents audit events shipped by applications ({@code logwarden-events-audit-*})
 * @param audit       Logwarden's own audit trail ({@code logwarden-audit-*}); also how long export records and
 *                    their signed manifests are kept
 * @param deadLetter  rejected input ({@code logwarden-deadletter-*})
 * @param anomalies   anomaly records ({@code logwarden-anomalies-*})
 * @param alerts      alert records ({@code logwarden-alerts-*})
 * @param legalHolds  index ranges excluded from deletion
 */
@Validated
@ConfigurationProperties("logwarden.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @DefaultValue("0 30 3 * * *") String schedule,
        @NotNull @DefaultValue("30d") Duration application,
        @NotNull @DefaultValue("365d") Duration auditEvents,
        @NotNull @DefaultValue("365d") Duration audit,
        @NotNull @DefaultValue("14d") Duration deadLetter,
        @NotNull @DefaultValue("90d") Duration anomalies,
        @NotNull @DefaultValue("90d") Duration alerts,
        @NotNull @DefaultValue List<@Valid LegalHold> legalHolds) {

    public Duration retention(RetentionCategory category) {
        return switch (category) {
            case APPLICATION -> application;
            case AUDIT_EVENTS -> auditEvents;
            case AUDIT -> audit;
            case DEAD_LETTER -> deadLetter;
            case ANOMALIES -> anomalies;
            case ALERTS -> alerts;
        };
    }

    @AssertTrue(message = "every retention must be at least one day")
    public boolean isAtLeastOneDay() {
        return Stream.of(application, auditEvents, audit, deadLetter, anomalies, alerts)
                .allMatch(d -> d == null || d.compareTo(Duration.ofDays(1)) >= 0);
    }

    /**
     * Daily indices of the days {@code from}..{@code to} (inclusive, UTC) are never deleted while the hold exists.
     *
     * @param categories the categories held; empty holds every category
     * @param from       first held day
     * @param to         last held day
     * @param reason     why (case number, request), shown in the preview
     */
    public record LegalHold(List<RetentionCategory> categories, @NotNull LocalDate from, @NotNull LocalDate to,
                            @NotBlank String reason) {

        public LegalHold {
            categories = categories == null ? List.of() : List.copyOf(categories);
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("Legal hold '" + reason + "' ends before it starts");
            }
        }

        public boolean holds(RetentionCategory category, LocalDate day) {
            return (categories.isEmpty() || categories.contains(category)) && !day.isBefore(from)
                    && !day.isAfter(to);
        }
    }
}
