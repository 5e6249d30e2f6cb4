package io.logwarden.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.search.QuerySyntaxException;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueryParserTest {

    private final QueryParser parser = new QueryParser(QueryCorpus.DEFAULT_LIMITS);

    static Stream<String> valid() {
        return QueryCorpus.VALID.stream();
    }

    static Stream<QueryCorpus.Invalid> invalid() {
        return QueryCorpus.INVALID.stream();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void accepts_valid_lucene_queries(String query) {
        assertThat(parser.parse(query).text()).isEqualTo(query.strip());
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejects_invalid_queries_pointing_at_the_problem(QueryCorpus.Invalid invalid) {
        assertThatThrownBy(() -> parser.parse(invalid.query()))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining(invalid.message())
                .hasMessageContaining("at position " + (invalid.position() + 1))
                .extracting(e -> ((QuerySyntaxException) e).position()).isEqualTo(invalid.position());
    }

    @Test
    void blank_query_matches_everything() {
        assertThat(parser.parse("   ").matchAll()).isTrue();
        assertThat(parser.parse(null).matchAll()).isTrue();
    }

    @Test
    void collects_the_fields_a_query_names() {
        assertThat(parser.parse("log.level:error AND (service.name:shop OR _exists_:trace.id) message:x "
                + "service.\\*:y").fields())
                .containsExactlyInAnyOrder("log.level", "service.name", "trace.id", "message", "service.*");
    }

    @Test
    void accepts_leading_wildcards_and_regular_expressions_when_switched_on() {
        QueryParser permissive = new QueryParser(QueryCorpus.PERMISSIVE_LIMITS);
        for (String query : QueryCorpus.VALID_WHEN_PERMISSIVE) {
            assertThat(permissive.parse(query).text()).isEqualTo(query);
        }
    }

    @Test
    void reads_operators_followed_by_parentheses_or_quotes_as_operators() {
        assertThatThrownBy(() -> parser.parse("(a OR)")).hasMessageContaining("'OR' needs a search term after it");
        assertThat(parser.parse("a AND(b)").clauses()).isEqualTo(2);
        assertThat(parser.parse("a AND\"b c\"").clauses()).isEqualTo(2);
        // a longer word is a term, as in Lucene: ANDROID, ORACLE, NOTHING
        assertThat(parser.parse("ANDROID ORACLE NOTHING").clauses()).isEqualTo(3);
    }

    @Test
    void rejects_hostile_nesting_and_operator_chains_without_overflowing_the_stack() {
        String deep = "(".repeat(5000) + "x" + ")".repeat(5000);
        assertThatThrownBy(() -> parser.parse(deep)).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("The query is 10001 characters long");
        String nested = "(".repeat(21) + "x" + ")".repeat(21);
        assertThatThrownBy(() -> parser.parse(nested)).hasMessageContaining("nested deeper than 20 levels")
                .extracting(e -> ((QuerySyntaxException) e).position()).isEqualTo(20);
        QueryParser roomy = new QueryParser(new QueryParser.Limits(65_536, 100, 256, false, false));
        assertThatThrownBy(() -> roomy.parse("!".repeat(60_000) + "x")).hasMessageContaining("cannot follow");
        assertThatThrownBy(() -> roomy.parse("NOT ".repeat(15_000) + "x")).hasMessageContaining("cannot follow");
        assertThatThrownBy(() -> roomy.parse("(".repeat(30_000) + "x")).hasMessageContaining("deeper than 100");
    }

    @Test
    void rejects_too_many_clauses() {
        String many = String.join(" OR ", Collections.nCopies(257, "x"));
        assertThatThrownBy(() -> parser.parse(many)).hasMessageContaining("more than 256 terms");
    }

    @Test
    void error_message_points_at_the_position_with_a_caret() {
        assertThatThrownBy(() -> parser.parse("a AND (b"))
                .hasMessage("Missing ')' to close this '(' at position 7:\n  a AND (b\n        ^");
    }
}
