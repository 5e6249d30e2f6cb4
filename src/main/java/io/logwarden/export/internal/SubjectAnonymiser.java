package io.logwarden.export.internal;

import io.logwarden.audit.AuditEntry;
import io.logwarden.export.AnonymisationResult;
import io.logwarden.export.DataSubject;
import io.logwarden.export.DataSubjectReport;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.EventUpdates;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.PartialUpdate;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScanQuery;
import io.logwarden.storage.ScannedEvent;
import io.logwarden.storage.SubjectMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Finds and anonymises a data subject's events in every index family that holds event data: a count per index by
 * aggregation; anonymisation as a scoped point-in-time scan, then per page a bulk partial update with the new values
 * computed here (no scripts). In events the user id, email and name are replaced by their pseudonym wherever they
 * appear as a value (the email also inside text), {@code user.name} is always hashed and {@code source.ip} removed;
 * in dead letters the identifiers are replaced inside the original line.
 */
@Component
public class SubjectAnonymiser {

    private static final int PAGE = 1000;
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);
    /** Characters that continue an identifier: a user id "u1" inside "u10" or "u1@x" is not the user id. */
    private static final String WORD = "[\\p{L}\\p{N}_.@+-]";

    private final EventScanner scanner;
    private final EventUpdates updates;
    private final Pseudonyms pseudonyms;
    private final ExportAuditor auditor;

    SubjectAnonymiser(EventScanner scanner, EventUpdates updates, Pseudonyms pseudonyms, ExportAuditor auditor) {
        this.scanner = scanner;
        this.updates = updates;
        this.pseudonyms = pseudonyms;
        this.auditor = auditor;
    }

    public DataSubjectReport find(CurrentUser user, List<String> indices, DataSubject subject) {
        Map<String, Long> perIndex = scanner.countPerIndex(ScanQuery.about(indices, match(subject), List.of("_id")),
                user.scope().toFilter());
        long total = perIndex.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subject", List.copyOf(pseudonyms.of(subject).values()));
        details.put("events", total);
        details.put("indices", perIndex.size());
        auditor.record("data-subject.find", user, AuditEntry.SUCCESS, details);
        return new DataSubjectReport(total, perIndex);
    }

    public AnonymisationResult anonymise(CurrentUser user, List<String> indices, DataSubject subject) {
        ScanQuery query = ScanQuery.about(indices, match(subject), List.of());
        Replacements replacements = new Replacements(subject);
        long matched = 0;
        long updated = 0;
        List<String> failures = new ArrayList<>();
        ScanCursor cursor = scanner.open(query, KEEP_ALIVE);
        try {
            while (true) {
                ScanPage page = scanner.next(query, user.scope().toFilter(), cursor, PAGE, KEEP_ALIVE);
                List<PartialUpdate> batch = new ArrayList<>();
                for (ScannedEvent event : page.events()) {
                    Map<String, Object> changed = isDeadLetter(event)
                            ? replacements.deadLetter(event.source()) : replacements.event(event.source());
                    if (!changed.isEmpty()) {
                        batch.add(new PartialUpdate(event.index(), event.id(), changed));
                    }
                }
                List<String> refused = updates.apply(batch);
                failures.addAll(refused);
                matched += page.events().size();
                updated += batch.size() - refused.size();
                cursor = page.next();
                if (page.last()) {
                    break;
                }
            }
        } finally {
            scanner.close(cursor);
        }
        updates.refresh(indices);
        List<String> hidden = List.copyOf(pseudonyms.of(subject).values());
        auditor.record("data-subject.anonymise", user, failures.isEmpty() ? AuditEntry.SUCCESS : "partial",
                Map.of("subject", hidden, "matched", matched, "updated", updated, "failures", failures.size()));
        return new AnonymisationResult(matched, updated, hidden, failures);
    }

    private static boolean isDeadLetter(ScannedEvent event) {
        return event.index() != null && event.index().startsWith(IndexNames.DEAD_LETTER + "-");
    }

    private static SubjectMatch match(DataSubject subject) {
        return new SubjectMatch(subject.userId(), subject.email(), subject.name());
    }

    /** The new values for one subject's identifiers, computed once per request. */
    final class Replacements {

        private final DataSubject subject;
        private final Pattern email;
        private final Pattern tokens;
        private final Map<String, String> byToken = new LinkedHashMap<>();

        Replacements(DataSubject subject) {
            this.subject = subject;
            this.email = subject.email() == null ? null
                    : Pattern.compile(Pattern.quote(subject.email()), Pattern.CASE_INSENSITIVE);
            List<String> alternatives = new ArrayList<>();
            if (subject.userId() != null) {
                byToken.put(subject.userId(), pseudonyms.of(subject.userId()));
                alternatives.add(Pattern.quote(subject.userId()));
            }
            if (subject.name() != null) {
                alternatives.add(Pattern.quote(subject.name()));
            }
            this.tokens = alternatives.isEmpty() ? null : Pattern.compile("(?<!" + WORD + ")(?:"
                    + String.join("|", alternatives) + ")(?!" + WORD + ")", Pattern.CASE_INSENSITIVE);
        }

        /** The top-level fields of an event that change, with their new values. */
        Map<String, Object> event(Map<String, Object> source) {
            Map<String, Object> changed = new LinkedHashMap<>();
            for (var entry : source.entrySet()) {
                Object replaced = replace(entry.getValue());
                if (entry.getKey().equals("user") && replaced instanceof Map<?, ?> userMap
                        && userMap.get("name") instanceof String name && !name.startsWith(Pseudonyms.PREFIX)) {
                    Map<String, Object> copy = new LinkedHashMap<>(stringKeys(userMap));
                    copy.put("name", pseudonyms.of(name));
                    replaced = copy;
                }
                if (entry.getKey().equals("user.name") && replaced instanceof String name
                        && !name.startsWith(Pseudonyms.PREFIX)) {
                    replaced = pseudonyms.of(name);
                }
                if (entry.getKey().equals("source") && replaced instanceof Map<?, ?> sourceMap
                        && sourceMap.get("ip") != null) {
                    Map<String, Object> copy = new LinkedHashMap<>(stringKeys(sourceMap));
                    copy.put("ip", null);
                    replaced = copy;
                }
                if (entry.getKey().equals("source.ip") && replaced != null) {
                    replaced = null;
                }
                if (!Objects.equals(replaced, entry.getValue())) {
                    changed.put(entry.getKey(), replaced);
                }
            }
            return changed;
        }

        /** A dead letter: the identifiers replaced inside the original line and the detail. */
        Map<String, Object> deadLetter(Map<String, Object> source) {
            Map<String, Object> changed = new LinkedHashMap<>();
            for (String field : List.of("original", "detail")) {
                if (source.get(field) instanceof String text) {
                    String replaced = inText(text);
                    if (!replaced.equals(text)) {
                        changed.put(field, replaced);
                    }
                }
            }
            return changed;
        }

        private Object replace(Object value) {
            return switch (value) {
                case String s when s.equals(subject.userId()) -> pseudonyms.of(s);
                case String s when subject.email() != null && s.equalsIgnoreCase(subject.email()) ->
                        pseudonyms.ofEmail(s);
                case String s when subject.name() != null && s.equalsIgnoreCase(subject.name()) ->
                        pseudonyms.of(subject.name());
                case String s when email != null && email.matcher(s).find() -> replaceEmail(s);
                case Map<?, ?> map -> {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    map.forEach((k, v) -> copy.put(String.valueOf(k), replace(v)));
                    yield copy;
                }
                case List<?> list -> list.stream().map(this::replace).toList();
                case null, default -> value;
            };
        }

        private String replaceEmail(String text) {
            return email.matcher(text).replaceAll(Matcher.quoteReplacement(pseudonyms.ofEmail(subject.email())));
        }

        private String inText(String text) {
            String result = email == null ? text : replaceEmail(text);
            if (tokens == null) {
                return result;
            }
            Matcher m = tokens.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String found = m.group();
                String pseudonym = found.equals(subject.userId()) ? byToken.get(found)
                        : subject.name() != null && found.equalsIgnoreCase(subject.name())
                        ? pseudonyms.of(subject.name()) : found;
                m.appendReplacement(out, Matcher.quoteReplacement(pseudonym));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
