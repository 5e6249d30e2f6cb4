package io.logwarden.search.internal;

import io.logwarden.search.QuerySyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Where a paged search continues: its point in time, the sort values of the last event returned, the total counted
 * on the first page, the time range resolved on the first page (so {@code now-15m} does not drift between pages)
 * and a hash of the query it belongs to. Opaque to clients (base64url). It carries no permission: the caller's scope
 * is applied again on every page.
 */
public record Cursor(String pitId, List<Long> searchAfter, long total, Instant from, Instant to, int queryHash) {

    private static final String VERSION = "c1";

    public String encode() {
        String text = String.join("\n", VERSION, pitId,
                String.join(",", searchAfter.stream().map(String::valueOf).toList()),
                String.valueOf(total), String.valueOf(from.toEpochMilli()), String.valueOf(to.toEpochMilli()),
                String.valueOf(queryHash));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String encoded) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded.strip()), StandardCharsets.UTF_8)
                    .split("\n", -1);
            if (parts.length != 7 || !parts[0].equals(VERSION) || parts[1].isBlank()) {
                throw invalid();
            }
            List<Long> after = parts[2].isEmpty() ? List.of()
                    : Arrays.stream(parts[2].split(",")).map(Long::parseLong).toList();
            return new Cursor(parts[1], after, Long.parseLong(parts[3]), Instant.ofEpochMilli(Long.parseLong(parts[4])),
                    Instant.ofEpochMilli(Long.parseLong(parts[5])), Integer.parseInt(parts[6]));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** Ties a cursor to its query; the returned fields may change between pages (the UI skips ahead cheaply). */
    public static int hash(String query) {
        return query.strip().hashCode();
    }

    private static QuerySyntaxException invalid() {
        return new QuerySyntaxException("The cursor is not valid: pass the 'cursor' value of the previous page "
                + "unchanged", -1);
    }
}
