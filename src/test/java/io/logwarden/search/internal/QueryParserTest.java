package io.logwarden.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.search.QuerySyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParserTest {

    private final QueryParser parser = new QueryParser(QueryParser.Limits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {
            "error",
            "order shipped",
            "\"order shipped\"",
            "\"order shipped\"~3",
            "log.level:error",
            "log.level: error",
            "log.level:error AND service.name:shop",
            "log.level:error && NOT service.name:shop",
            "error OR warn || critical",
            "!debug",
            "+error -timeout",
            "(error OR warn) AND service.name:(shop OR billing)",
            "service.name:shop*",
            "service.name:sh?p",
            "message:timeout~1",
            "message:timeout~",
            "error^2 warn",
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
            "service.*:shop",
            "*",
            "*:*",
            "user.email:alice\\@example.com",
            "message:a\\:b",
            "path\\/to\\/file",
            "  error  ",
            "\"a \\\"quoted\\\" word\""
    })
    void accepts_valid_lucene_queries(String query) {
        assertThat(parser.parse(query).text()).isEqualTo(query.strip());
    }

    @Test
    void blank_query_matches_everything() {
        assertThat(parser.parse("   ").matchAll()).isTrue();
        assertThat(parser.parse(null).matchAll()).isTrue();
    }

    @Test
    void collects_the_fields_a_query_names() {
        assertThat(parser.parse("log.level:error AND (service.name:shop OR _exists_:trace.id) message:x").fields())
                .containsExactlyInAnyOrder("log.level", "service.name", "trace.id", "message");
    }

    @Test
    void rejects_unbalanced_parentheses_pointing_at_the_open_one() {
        assertError("error AND (warn OR info", 10, "Missing ')' to close this '('");
    }

    @Test
    void rejects_a_stray_closing_parenthesis() {
        assertError("error) OR warn", 5, "Unexpected ')' without a matching '('");
    }

    @Test
    void rejects_empty_parentheses() {
        assertError("error AND ()", 10, "Empty parentheses");
    }

    @Test
    void rejects_an_unterminated_phrase_at_its_opening_quote() {
        assertError("message:\"order shipped", 8, "Unterminated phrase");
    }

    @Test
    void rejects_dangling_operators() {
        assertError("error AND", 6, "'AND' needs a search term after it");
        assertError("OR error", 0, "'OR' needs a search term before it");
        assertError("error || ", 6, "'OR' needs a search term after it");
        assertError("NOT", 0, "'NOT' needs a search term after it");
        assertError("error - warn", 6, "'-' must be followed directly by a search term");
    }

    @Test
    void rejects_a_field_without_a_value() {
        assertError("log.level:", 0, "Field 'log.level' has no value after ':'");
        assertError(":error", 0, "A field name is missing before ':'");
    }

    @Test
    void rejects_unknown_fields_with_a_suggestion() {
        assertError("levle:error", 0, "Unknown field 'levle'");
        assertThatThrownBy(() -> parser.parse("log.levle:error")).hasMessageContaining("did you mean 'log.level'");
        assertThatThrownBy(() -> parser.parse("level:error")).hasMessageContaining("did you mean 'log.level'");
        assertError("_exists_:nothing.here", 9, "Unknown field 'nothing.here'");
    }

    @Test
    void rejects_leading_wildcards_by_default() {
        assertError("service.name:*hop", 13, "Leading wildcards");
        assertError("error ?rror", 6, "Leading wildcards");
    }

    @Test
    void accepts_leading_wildcards_when_switched_on() {
        QueryParser permissive = new QueryParser(new QueryParser.Limits(4096, 20, 256, true, true));
        assertThat(permissive.parse("service.name:*hop").text()).isEqualTo("service.name:*hop");
        assertThat(permissive.parse("message:/ord[a-z]+/").text()).isEqualTo("message:/ord[a-z]+/");
    }

    @Test
    void rejects_regular_expressions_by_default_and_explains_the_slash() {
        assertError("message:/ord.*/", 8, "Regular expressions (/.../) are switched off");
        assertError("GET /api/v1", 4, "escape it as '\\/'");
    }

    @Test
    void rejects_malformed_ranges() {
        assertError("event.duration:[1 5]", 18, "A range needs 'TO'");
        assertError("event.duration:[1 TO 5", 15, "A range must end with ']' or '}'");
        assertError("event.duration:[1 TO ]", 21, "A range bound is missing");
    }

    @Test
    void rejects_values_of_the_wrong_type() {
        assertError("event.duration:fast", 15, "Field 'event.duration' expects a number, not 'fast'");
        assertError("source.ip:localhost", 10, "expects an IP address");
        assertError("@timestamp:[yesterday TO now]", 12, "expects an ISO-8601 date");
        assertError("event.duration:>abc", 16, "expects a number");
    }

    @Test
    void rejects_unescaped_colons_in_values() {
        assertError("message:a:b", 9, "Unexpected ':'");
    }

    @Test
    void rejects_bad_boosts_and_fuzziness() {
        assertError("error^", 5, "'^' needs a number");
        assertError("error~5", 6, "Fuzziness can be at most 2 edits");
    }

    @Test
    void rejects_a_trailing_backslash() {
        assertError("error\\", 5, "Trailing backslash escapes nothing");
    }

    @Test
    void rejects_control_characters() {
        assertError("error\u0000drop", 5, "Control character U+0000");
    }

    @Test
    void rejects_hostile_nesting_without_overflowing_the_stack() {
        String deep = "(".repeat(5000) + "x" + ")".repeat(5000);
        assertThatThrownBy(() -> parser.parse(deep)).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("The query is 10001 characters long");
        String nested = "(".repeat(21) + "x" + ")".repeat(21);
        assertError(nested, 20, "Parentheses nested deeper than 20 levels");
    }

    @Test
    void rejects_too_many_clauses() {
        String many = String.join(" OR ", java.util.Collections.nCopies(257, "x"));
        assertThatThrownBy(() -> parser.parse(many)).hasMessageContaining("more than 256 terms");
    }

    @Test
    void rejects_a_field_name_injection_through_the_star_field() {
        assertError("*:error", 2, "Only '*:*'");
    }

    @Test
    void error_message_points_at_the_position_with_a_caret() {
        assertThatThrownBy(() -> parser.parse("a AND (b"))
                .hasMessage("Missing ')' to close this '(' at position 7:\n  a AND (b\n        ^");
    }

    private void assertError(String query, int position, String message) {
        assertThatThrownBy(() -> parser.parse(query))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((QuerySyntaxException) e).position()).isEqualTo(position);
    }
}
