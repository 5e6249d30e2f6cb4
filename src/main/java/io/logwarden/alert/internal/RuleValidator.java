package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertValidationException;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.alert.TemplateFields;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import io.logwarden.alert.internal.template.MessageTemplate;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.EventFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checks a rule before it is saved and lists every problem in words a user can act on. What depends on this
 * instance's configuration (an SMTP server, referenced secrets, recipients' accounts) is checked for enabled rules
 * only, so a rule can always be disabled.
 */
public class RuleValidator {

    /** The pseudo-field ANOMALY rules group by: the anomaly's entity. */
    public static final String ANOMALY_ENTITY = "entity";
    private static final Set<RuleKind> QUERY_KINDS =
            Set.of(RuleKind.QUERY_MATCH, RuleKind.COUNT_THRESHOLD, RuleKind.ERROR_RATE, RuleKind.ABSENCE);

    private final ChannelRegistry channels;
    private final EventCounts counts;
    private final Supplier<Set<String>> healthComponents;
    private final RecipientRouter recipients;

    public RuleValidator(ChannelRegistry channels, EventCounts counts, Supplier<Set<String>> healthComponents,
                         RecipientRouter recipients) {
        this.channels = channels;
        this.counts = counts;
        this.healthComponents = healthComponents;
        this.recipients = recipients;
    }

    public void check(AlertRule rule) {
        List<String> errors = validate(rule);
        if (!errors.isEmpty()) {
            throw new AlertValidationException(errors);
        }
    }

    /** Every problem of {@code rule}, whose scope must already be its owner's. */
    public List<String> validate(AlertRule rule) {
        List<String> errors = new ArrayList<>();
        if (rule.name() == null || rule.name().isBlank()) {
            errors.add("name is required");
        } else if (rule.name().length() > 200) {
            errors.add("name is longer than 200 characters");
        }
        between(errors, "window", rule.window(), Duration.ofSeconds(10), Duration.ofDays(30));
        between(errors, "schedule", rule.schedule(), Duration.ofSeconds(10), Duration.ofDays(1));
        if (rule.threshold() < 0 || Double.isNaN(rule.threshold())) {
            errors.add("threshold must be 0 or more");
        }
        if ((rule.kind() == RuleKind.ERROR_RATE || rule.kind() == RuleKind.ANOMALY) && rule.threshold() > 100) {
            errors.add("threshold of a " + rule.kind() + " rule is a percentage or score and must be at most 100");
        }
        if (rule.kind() == RuleKind.QUERY_MATCH && rule.query().isEmpty()) {
            errors.add("query is required for a QUERY_MATCH rule");
        }
        groupBy(rule, errors);
        kindSpecific(rule, errors);
        if (QUERY_KINDS.contains(rule.kind())) {
            counts.validateQuery(rule.query()).ifPresent(e -> errors.add("query is not valid: " + e));
            if (rule.kind() == RuleKind.ERROR_RATE) {
                counts.validateQuery(rule.errorQuery()).ifPresent(e -> errors.add("errorQuery is not valid: " + e));
            }
        }
        template(errors, "title template", rule.titleTemplate());
        template(errors, "message template", rule.messageTemplate());
        NoiseControl noise = rule.noise();
        if (noise.maxPerHour() != null && noise.maxPerHour() < 1) {
            errors.add("maxPerHour must be at least 1 (leave it empty for no limit)");
        }
        if (noise.renotifyInterval() != null && noise.renotifyInterval().compareTo(Duration.ofMinutes(1)) < 0) {
            errors.add("renotifyInterval must be at least 1 minute (leave it empty to never re-notify)");
        }
        channels(rule, errors);
        if (rule.enabled() && rule.channels().isEmpty()) {
            errors.add("an enabled rule needs at least one channel");
        }
        return errors;
    }

    private void groupBy(AlertRule rule, List<String> errors) {
        String field = rule.groupBy();
        if (field == null) {
            return;
        }
        switch (rule.kind()) {
            case ANOMALY -> {
                if (!field.equals(ANOMALY_ENTITY)) {
                    errors.add("an ANOMALY rule groups by '" + ANOMALY_ENTITY + "' (the anomaly's entity) or not at"
                            + " all, got '" + field + "'");
                }
            }
            case HEALTH -> errors.add("a HEALTH rule is grouped by component already: leave groupBy empty");
            default -> {
                var type = EventFields.typeOf(field);
                if (type.isEmpty()) {
                    errors.add("groupBy '" + field + "' is not a field of the events (e.g. service.name, host.name,"
                            + " user.name, labels.<key>)");
                } else if (!EventFields.aggregatable(field)) {
                    errors.add("groupBy '" + field + "' is a " + type.get() + " field and cannot be grouped by:"
                            + " use a keyword field such as service.name");
                }
            }
        }
    }

    private void kindSpecific(AlertRule rule, List<String> errors) {
        if (rule.anomalySeverity() != null) {
            if (rule.kind() != RuleKind.ANOMALY) {
                errors.add("anomalySeverity applies to ANOMALY rules only");
            } else if (!Set.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH).contains(rule.anomalySeverity())) {
                errors.add("anomalySeverity is one of LOW, MEDIUM, HIGH (the detectors' bands)");
            }
        }
        if (rule.kind() == RuleKind.HEALTH && !rule.query().isEmpty()) {
            Set<String> known = healthComponents.get();
            if (!known.contains(rule.query())) {
                errors.add("'" + rule.query() + "' is not a health component; known: "
                        + String.join(", ", new TreeSet<>(known)) + " (empty = every component)");
            }
        }
    }

    private void channels(AlertRule rule, List<String> errors) {
        for (int i = 0; i < rule.channels().size(); i++) {
            ChannelConfig channel = rule.channels().get(i);
            if (channel == null || channel.type() == null) {
                errors.add("channel " + (i + 1) + ": type is required");
                continue;
            }
            String label = "channel " + (i + 1) + " (" + channel.type() + ")";
            errors.addAll(channels.validate(label, channel, rule.enabled()));
            if (channel.type() == ChannelType.IN_APP && rule.enabled()) {
                for (String user : RecipientRouter.usernames(channel.setting("users"))) {
                    recipients.refusal(user, rule.scope()).ifPresent(e -> errors.add(label + ": " + e));
                }
            }
        }
    }

    private static void template(List<String> errors, String label, String template) {
        if (template == null) {
            return;
        }
        try {
            MessageTemplate.parse(label, template, TemplateFields.ALL);
        } catch (AlertValidationException e) {
            errors.addAll(e.errors());
        }
    }

    private static void between(List<String> errors, String label, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            errors.add(label + " must be between " + min.toSeconds() + " s and " + max.toDays() + " d, got " + value);
        }
    }
}
