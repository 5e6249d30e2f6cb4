package io.logwarden.ingest.internal;

import io.logwarden.ingest.DeadLetter;
import io.logwarden.ingest.DeadLetterPage;
import io.logwarden.ingest.DeadLetterService;
import io.logwarden.storage.DeadLetterSearch;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads dead letters through storage and turns the stored documents into {@link DeadLetter}s. */
@Service
class DefaultDeadLetterService implements DeadLetterService {

    private static final int MAX_WINDOW = 10_000;

    private final DeadLetterSearch search;

    DefaultDeadLetterService(DeadLetterSearch search) {
        this.search = search;
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    public DeadLetterPage find(Instant from, Instant to, String reason, int offset, int limit) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range must have a start before its end");
        }
        int size = Math.clamp(limit, 1, MAX_PAGE);
        int skip = Math.clamp(offset, 0, MAX_WINDOW - size);
        DeadLetterSearch.DeadLetterHits hits = search.find(from, to,
                reason == null || reason.isBlank() ? null : reason.strip(), skip, size);
        return new DeadLetterPage(hits.total(), hits.hits().stream().map(DefaultDeadLetterService::letter).toList(),
                hits.reasons());
    }

    static DeadLetter letter(DeadLetterSearch.StoredDeadLetter stored) {
        Map<String, Object> s = stored.source();
        String sender = text(s, "source_key");
        if (sender == null) {
            sender = text(s, "remote_address");
        }
        String original = text(s, "original");
        Object length = s.get("original_length");
        return new DeadLetter(stored.id(), instant(text(s, "@timestamp")), text(s, "reason"), text(s, "detail"),
                text(s, "input"), sender, original == null ? "" : original, "base64".equals(text(s, "original_encoding")),
                length instanceof Number n ? n.longValue() : original == null ? 0 : original.length(),
                Boolean.TRUE.equals(s.get("original_truncated")), text(s, "target_index"), text(s, "document"));
    }

    private static String text(Map<String, Object> source, String field) {
        Object value = source.get(field);
        return value == null ? null : value.toString();
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
