package io.logwarden.search.internal;

import io.logwarden.search.QuerySyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Where a paged search continues. Opaque to clients (base64url); it carries no permission: the caller's scope is
 * applied again on every page.
 *
 * @param pitId       the point in time of the pages after the first, empty until the second page opens it
 * @param searchAfter sort values of the last event returned inside the point in time
 * @param total       the total counted on the first page
 * @param from        the time range resolved on the first page (so {@code now-15m} does not drift between pages)
 * @param to          its end
 * @param queryHash   hash of the query it belongs to
 * @param notAfter    null, or the last timestamp of a page read without a point in time: later pages hold only events
 *                    at or before it ...
 * @param excludedIds ... except these, which that page already returned with that timestamp
 */
public record Cursor(String pitId, List<Long> searchAfter, long total, Instant from, Instant to, int queryHash,
                     Instant notAfter, List<String> excludedIds) {

    private static final String VERSION = "c2";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public Cursor {
        pitId = pitId == null ? "" : pitId;
        searchAfter = List.copyOf(searchAfter);
        excludedIds = List.copyOf(excludedIds);
    }

    public String encode() {
        String text = String.join("\n", VERSION, pitId,
                String.join(",", searchAfter.stream().map(String::valueOf).toList()),
                String.valueOf(total), String.valueOf(from.toEpochMilli()), String.valueOf(to.toEpochMilli()),
                String.valueOf(queryHash), notAfter == null ? "" : String.valueOf(notAfter.toEpochMilli()),
                String.join(",", excludedIds.stream().map(id -> ENCODER.encodeToString(
                        id.getBytes(StandardCharsets.UTF_8))).toList()));
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String encoded) {
        try {
            String[] parts = new String(DECODER.decode(encoded.strip()), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 9 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            List<Long> after = parts[2].isEmpty() ? List.of()
                    : Arrays.stream(parts[2].split(",")).map(Long::parseLong).toList();
            Instant notAfter = parts[7].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[7]));
            List<String> excluded = parts[8].isEmpty() ? List.of() : Arrays.stream(parts[8].split(","))
                    .map(id -> new String(DECODER.decode(id), StandardCharsets.UTF_8)).toList();
            if (parts[1].isEmpty() && notAfter == null) {
                throw invalid();
            }
            return new Cursor(parts[1], after, Long.parseLong(parts[3]), Instant.ofEpochMilli(Long.parseLong(parts[4])),
                    Instant.ofEpochMilli(Long.parseLong(parts[5])), Integer.parseInt(parts[6]), notAfter, excluded);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** Ties a cursor to its query; the returned fields may change between pages. */
    public static int hash(String query) {
        return query.strip().hashCode();
    }

    private static QuerySyntaxException invalid() {
        return new QuerySyntaxException("The cursor is not valid: pass the 'cursor' value of the previous page "
                + "unchanged", -1);
    }
}
