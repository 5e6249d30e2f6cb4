package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.Notification;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.TemplateFields;
import io.logwarden.security.AccessScope;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.PiiMasker;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.EventCounts.FirstAndLast;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completes a rule's notifications before they are sent: fields of the first and last matching event
 * ({@code first.*}, {@code last.*}, {@code event.message}, {@code event.service}) for firing QUERY_MATCH,
 * COUNT_THRESHOLD and ERROR_RATE alerts, and the masked replacement of every value that is personal data under the
 * PII policy (the group of a rule grouped by a PII field, event fields such as {@code user.name}), so each recipient
 * gets the view their roles allow.
 */
public class NotificationEnricher {

    /** Whom nothing personal is shown to: the masked form of a value. */
    static final CurrentUser NO_PII = new CurrentUser("", Set.of(), AccessScope.EVERYTHING, false);
    private static final Set<RuleKind> EVENT_KINDS = Set.of(RuleKind.QUERY_MATCH, RuleKind.COUNT_THRESHOLD,
            RuleKind.ERROR_RATE);

    private final EventCounts counts;
    private final PiiMasker masker;
    private final AlertLinks links;

    public NotificationEnricher(EventCounts counts, PiiMasker masker, AlertLinks links) {
        this.counts = counts;
        this.masker = masker;
        this.links = links;
    }

    /** {@code notifications} of {@code rule} (in its owner's scope) with event fields and redactions added. */
    public List<Notification> enrich(AlertRule rule, List<Notification> notifications, Instant now) {
        Map<String, FirstAndLast> samples = samples(rule, notifications, now);
        List<Notification> out = new ArrayList<>();
        for (Notification n : notifications) {
            Map<String, String> fields = new HashMap<>();
            Map<String, String> redactions = new HashMap<>();
            FirstAndLast sample = samples.get(n.groupKey());
            if (sample != null) {
                eventFields("first.", sample.first(), fields, redactions);
                eventFields("last.", sample.last(), fields, redactions);
                fields.put("event.message", fields.getOrDefault("last.message", ""));
                fields.put("event.service", fields.getOrDefault("last.service", ""));
            }
            String maskedGroup = mask(rule.groupBy(), n.groupKey());
            if (!maskedGroup.equals(n.groupKey())) {
                redactions.put(Notification.GROUP, maskedGroup);
                redactions.put(Notification.LINK, links.link(rule, "", n.fields(), n.timestamp()
                        .minus(rule.window()), n.timestamp()));
            }
            out.add(n.withFields(fields, redactions));
        }
        return out;
    }

    /** The notification as {@code viewer} may see it. */
    static Notification forViewer(Notification n, CurrentUser viewer) {
        return viewer.piiVisible() ? n : n.redacted();
    }

    /** A group value as {@code viewer} may see it. */
    public String group(AlertRule rule, String group, CurrentUser viewer) {
        return rule.groupBy() == null ? group : masker.maskValue(rule.groupBy(), group, viewer);
    }

    /** Whether the rule's groups are personal data (so links must not be narrowed to them for masked viewers). */
    public boolean personalGroups(AlertRule rule) {
        return rule.groupBy() != null && !mask(rule.groupBy(), "sample@example.org").equals("sample@example.org");
    }

    private Map<String, FirstAndLast> samples(AlertRule rule, List<Notification> notifications, Instant now) {
        if (!EVENT_KINDS.contains(rule.kind())) {
            return Map.of();
        }
        Set<String> groups = new LinkedHashSet<>();
        notifications.stream().filter(n -> n.status() == AlertStatus.FIRING).forEach(n -> groups.add(n.groupKey()));
        if (groups.isEmpty()) {
            return Map.of();
        }
        String query = rule.kind() == RuleKind.ERROR_RATE ? RuleObserver.and(rule.query(), rule.errorQuery())
                : rule.query();
        List<String> fields = TemplateFields.EVENT_FIELDS.stream().map(f -> f[1]).toList();
        return counts.firstAndLast(query, rule.scope(), rule.groupBy(), groups, now.minus(rule.window()), now,
                fields);
    }

    private void eventFields(String prefix, Map<String, Object> source, Map<String, String> fields,
                             Map<String, String> redactions) {
        for (String[] field : TemplateFields.EVENT_FIELDS) {
            Object value = value(source, field[1]);
            String text = value == null ? "" : String.valueOf(value);
            fields.put(prefix + field[0], text);
            String masked = mask(field[1], text);
            if (!masked.equals(text)) {
                redactions.put(prefix + field[0], masked);
            }
        }
    }

    private String mask(String field, String value) {
        if (field == null || value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        String masked = masker.maskValue(field, value, NO_PII);
        return masked == null ? "" : masked;
    }

    /** A dotted field of a source map, nested ({@code {"service":{"name":..}}}) or flat ({@code "service.name"}). */
    static Object value(Map<String, Object> source, String field) {
        if (source == null) {
            return null;
        }
        if (source.containsKey(field)) {
            return source.get(field);
        }
        int dot = field.indexOf('.');
        while (dot > 0) {
            Object head = source.get(field.substring(0, dot));
            if (head instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Object found = value((Map<String, Object>) nested, field.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = field.indexOf('.', dot + 1);
        }
        return null;
    }
}
