package io.logwarden.search.internal;

import java.util.List;

/**
 * The queries the parser tests use, shared with {@code QueryLanguageIT}, which sends the valid ones to a real
 * Elasticsearch (they must be accepted there too) and the invalid ones through the API (they must be refused with our
 * message before reaching Elasticsearch).
 */
public final class QueryCorpus {

    /** A query the parser refuses, the 0-based offset it points at and part of the message. */
    public record Invalid(String query, int position, String message) {
    }

    public static final QueryParser.Limits DEFAULT_LIMITS = new QueryParser.Limits(4096, 20, 256, false, false);
    public static final QueryParser.Limits PERMISSIVE_LIMITS = new QueryParser.Limits(4096, 20, 256, true, true);

    public static final List<String> VALID = List.of(
            "error",
            "order shipped",
            "\"order shipped\"",
            "\"order shipped\"~3",
            "\"order shipped\"^2~3",
            "log.level:error",
            "log.level: error",
            "log.level :error",
            "log.level:error AND service.name:shop",
            "log.level:error && NOT service.name:shop",
            "error OR warn || critical",
            "error&&warn",
            "!debug",
            "NOT (NOT debug)",
            "-(-debug)",
            "+error -timeout",
            "error AND NOT warn",
            "(error OR warn) AND service.name:(shop OR billing)",
            "(error OR warn)^2",
            "service.name:shop*",
            "service.name:sh?p",
            "message:timeout~1",
            "message:timeout~",
            "error^2 warn",
            "error ^2",
            "event.duration:[1000 TO 5000]",
            "event.duration:{* TO 5000]",
            "event.duration:>=1000",
            "event.duration:<5",
            "@timestamp:[2026-11-21T10:00:00Z TO now]",
            "@timestamp:[now-1h TO now]",
            "@timestamp:>now-15m",
            "source.ip:\"10.0.0.0/8\"",
            "source.ip:10.0.0.0\\/8",
            "source.ip:\"::1\"",
            "_exists_:trace.id",
            "NOT _exists_:error.type",
            "labels.tenant_tier:gold",
            "service.\\*:shop",
            "*",
            "*:*",
            "user.email:alice\\@example.com",
            "message:a\\:b",
            "path\\/to\\/file",
            "  error  ",
            "\"a \\\"quoted\\\" word\"",
            "ANDROID OR ORACLE OR NOTHING",
            "error\u3000warn");

    /** Valid only with leading wildcards and regular expressions switched on. */
    public static final List<String> VALID_WHEN_PERMISSIVE = List.of(
            "service.name:*hop",
            "message:/ord[a-z]+/",
            "message:/a\\/b/");

    public static final List<Invalid> INVALID = List.of(
            new Invalid("error AND (warn OR info", 10, "Missing ')' to close this '('"),
            new Invalid("labels.customer:acme~1", 20, "Fuzzy search ('~') does not work on labels"),
            new Invalid("error) OR warn", 5, "Unexpected ')' without a matching '('"),
            new Invalid("error AND ()", 10, "Empty parentheses"),
            new Invalid("message:\"order shipped", 8, "Unterminated phrase"),
            new Invalid("error AND", 6, "'AND' needs a search term after it"),
            new Invalid("OR error", 0, "'OR' needs a search term before it"),
            new Invalid("error || ", 6, "'OR' needs a search term after it"),
            new Invalid("error AND OR warn", 10, "'OR' needs a search term before it"),
            new Invalid("NOT", 0, "'NOT' needs a search term after it"),
            new Invalid("(NOT)", 1, "'NOT' needs a search term after it"),
            new Invalid("(error AND)", 7, "'AND' needs a search term after it"),
            new Invalid("(error OR)", 7, "'OR' needs a search term after it"),
            new Invalid("NOT NOT error", 4, "'NOT' cannot follow 'NOT'"),
            new Invalid("!!error", 1, "'!' cannot follow '!'"),
            new Invalid("+-error", 1, "'-' cannot follow '+'"),
            new Invalid("error - warn", 6, "'-' must be followed directly by a search term"),
            new Invalid("! debug", 0, "'!' must be followed directly by a search term"),
            new Invalid("log.level:", 0, "Field 'log.level' has no value after ':'"),
            new Invalid(":error", 0, "A field name is missing before ':'"),
            new Invalid("levle:error", 0, "Unknown field 'levle'"),
            new Invalid("_exists_:nothing.here", 9, "Unknown field 'nothing.here'"),
            new Invalid("service.*:shop", 0, "Escape the wildcards of a field name pattern"),
            new Invalid("service.name:*hop", 13, "Leading wildcards"),
            new Invalid("error ?rror", 6, "Leading wildcards"),
            new Invalid("message:/ord.*/", 8, "Regular expressions (/.../) are switched off"),
            new Invalid("GET /api/v1", 4, "escape it as '\\/'"),
            new Invalid("event.duration:[1 5]", 18, "A range needs 'TO'"),
            new Invalid("event.duration:[1 TO 5", 15, "A range must end with ']' or '}'"),
            new Invalid("event.duration:[1 TO ]", 21, "A range bound is missing"),
            new Invalid("event.duration:[TO 5]", 16, "A range bound is missing"),
            new Invalid("event.duration:[1 TO 5]]", 23, "Unexpected ']'"),
            new Invalid("event.duration:fast", 15, "Field 'event.duration' expects a number, not 'fast'"),
            new Invalid("source.ip:localhost", 10, "expects an IP address"),
            new Invalid("@timestamp:[yesterday TO now]", 12, "expects an ISO-8601 date"),
            new Invalid("event.duration:>abc", 16, "expects a number"),
            new Invalid("event.duration:5~1", 16, "fuzzy search ('~')"),
            new Invalid("message:a:b", 9, "Unexpected ':'"),
            new Invalid("error^", 5, "'^' needs a number"),
            new Invalid("error^ 2", 5, "'^' needs a number"),
            new Invalid("error~5", 6, "Fuzziness can be at most 2 edits"),
            new Invalid("error~x", 6, "'~' needs the number of edits"),
            new Invalid("\"a b\"~x", 5, "'~' after a phrase needs a number"),
            new Invalid("error\\", 5, "Trailing backslash escapes nothing"),
            new Invalid("error\u0000drop", 5, "Control character U+0000"),
            new Invalid("*:error", 2, "Only '*:*'"));

    private QueryCorpus() {
    }
}
