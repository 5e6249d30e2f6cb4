package io.logwarden.export.internal;

import io.logwarden.export.AnonymisationResult;
import io.logwarden.export.DataSubjectReport;
import io.logwarden.security.CurrentUser;
import io.logwarden.storage.ScanQuery;
import io.logwarden.storage.EventScanner;
import io.logwarden.storage.EventUpdates;
import io.logwarden.storage.PartialUpdate;
import io.logwarden.storage.ScanCursor;
import io.logwarden.storage.ScanPage;
import io.logwarden.storage.ScannedEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Finds and anonymises a data subject's events: a scoped point-in-time scan, then per page a bulk partial update
 * with the new values computed here. The user id and email are replaced by {@code anon-<keyed hash>} wherever they
 * appear as a value (the email also inside text), {@code user.name} by its keyed hash and {@code source.ip} removed.
 */
@Component
public class SubjectAnonymiser {

    private static final int PAGE = 1000;
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

    private final EventScanner scanner;
    private final EventUpdates updates;
    private final SecretKeys keys;
    private final ExportAuditor auditor;

    SubjectAnonymiser(EventScanner scanner, EventUpdates updates, SecretKeys keys, ExportAuditor auditor) {
        this.scanner = scanner;
        this.updates = updates;
        this.keys = keys;
        this.auditor = auditor;
    }

    public DataSubjectReport find(CurrentUser user, List<String> indices, Map<String, Set<String>> terms) {
        ScanQuery query = new ScanQuery(indices, "", null, null, terms, List.of("_id"));
        Map<String, Long> perIndex = new TreeMap<>();
        long total = 0;
        ScanCursor cursor = scanner.open(query, KEEP_ALIVE);
        try {
            while (true) {
                ScanPage page = scanner.next(query, user.scope().toFilter(), cursor, PAGE, KEEP_ALIVE);
                for (ScannedEvent event : page.events()) {
                    perIndex.merge(event.index(), 1L, Long::sum);
                }
                total += page.events().size();
                cursor = page.next();
                if (page.last()) {
                    break;
                }
            }
        } finally {
            scanner.close(cursor);
        }
        auditor.record("data-subject.find", user, "success", Map.of("subject", pseudonyms(terms), "events", total));
        return new DataSubjectReport(total, perIndex);
    }

    public AnonymisationResult anonymise(CurrentUser user, List<String> indices, String userId, String email,
                                         Map<String, Set<String>> terms) {
        ScanQuery query = new ScanQuery(indices, "", null, null, terms, List.of());
        long matched = 0;
        long updated = 0;
        List<String> failures = new ArrayList<>();
        ScanCursor cursor = scanner.open(query, KEEP_ALIVE);
        try {
            while (true) {
                ScanPage page = scanner.next(query, user.scope().toFilter(), cursor, PAGE, KEEP_ALIVE);
                List<PartialUpdate> batch = new ArrayList<>();
                for (ScannedEvent event : page.events()) {
                    Map<String, Object> changed = anonymised(event.source(), userId, email);
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
        List<String> pseudonyms = pseudonyms(terms);
        auditor.record("data-subject.anonymise", user, failures.isEmpty() ? "success" : "partial",
                Map.of("subject", pseudonyms, "matched", matched, "updated", updated, "failures", failures.size()));
        return new AnonymisationResult(matched, updated, pseudonyms, failures);
    }

    /** The top-level fields of {@code source} that change, with their new values. */
    Map<String, Object> anonymised(Map<String, Object> source, String userId, String email) {
        Map<String, Object> changed = new LinkedHashMap<>();
        for (var entry : source.entrySet()) {
            Object replaced = replace(entry.getValue(), userId, email);
            if (entry.getKey().equals("user") && replaced instanceof Map<?, ?> userMap
                    && userMap.get("name") instanceof String name && !name.startsWith("anon-")) {
                Map<String, Object> copy = new LinkedHashMap<>(stringKeys(userMap));
                copy.put("name", pseudonym(name));
                replaced = copy;
            }
            if (entry.getKey().equals("user.name") && replaced instanceof String name && !name.startsWith("anon-")) {
                replaced = pseudonym(name);
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

    private Object replace(Object value, String userId, String email) {
        return switch (value) {
            case String s when s.equals(userId) || s.equals(email) -> pseudonym(s);
            case String s when email != null && s.contains(email) -> s.replace(email, pseudonym(email));
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), replace(v, userId, email)));
                yield copy;
            }
            case List<?> list -> list.stream().map(v -> replace(v, userId, email)).toList();
            case null, default -> value;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    String pseudonym(String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.anonymisation(), "HmacSHA256"));
            byte[] digest = mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
            return "anon-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private List<String> pseudonyms(Map<String, Set<String>> terms) {
        return terms.values().stream().flatMap(Set::stream).sorted().map(this::pseudonym).toList();
    }
}
