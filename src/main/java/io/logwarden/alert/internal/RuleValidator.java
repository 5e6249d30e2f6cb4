package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertValidationException;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.TemplateFields;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import io.logwarden.alert.internal.template.MessageTemplate;
import io.logwarden.storage.EventCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a rule before it is saved and lists every problem in words a user can act on. */
public class RuleValidator {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_@][A-Za-z0-9_.@-]*");
    private static final Set<RuleKind> QUERY_KINDS =
            Set.of(RuleKind.QUERY_MATCH, RuleKind.COUNT_THRESHOLD, RuleKind.ERROR_RATE, RuleKind.ABSENCE);

    private final ChannelRegistry channels;
    private final EventCounts counts;

    public RuleValidator(ChannelRegistry channels, EventCounts counts) {
        this.channels = channels;
        this.counts = counts;
    }

    public void check(AlertRule rule) {
        List<String> errors = validate(rule);
        if (!errors.isEmpty()) {
            throw new AlertValidationException(errors);
        }
    }

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
        if (rule.groupBy() != null && !FIELD.matcher(rule.groupBy()).matches()) {
            errors.add("groupBy must be a field name, got '" + rule.groupBy() + "'");
        }
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
        for (int i = 0; i < rule.channels().size(); i++) {
            ChannelConfig channel = rule.channels().get(i);
            if (channel == null || channel.type() == null) {
                errors.add("channel " + (i + 1) + ": type is required");
            } else {
                errors.addAll(channels.validate("channel " + (i + 1) + " (" + channel.type() + ")", channel));
            }
        }
        if (rule.enabled() && rule.channels().isEmpty()) {
            errors.add("an enabled rule needs at least one channel");
        }
        return errors;
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
