package io.logwarden.search.internal;

import io.logwarden.search.QuerySyntaxException;
import io.logwarden.search.internal.QueryLexer.Kind;
import io.logwarden.search.internal.QueryLexer.Token;
import io.logwarden.storage.EventFields;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Validates Lucene query syntax (as Kibana and Graylog users write it) before anything reaches Elasticsearch, with the
 * grammar of Lucene's classic query parser, which Elasticsearch's {@code query_string} runs: {@code field:value},
 * phrases, {@code AND/OR/NOT && || !}, one {@code + - NOT !} per clause, groups, field groups, wildcards, ranges
 * {@code [a TO b] {a TO b}} and {@code field:>=x}, {@code _exists_:field}, fuzziness, proximity, boosts and (when
 * allowed) {@code /regex/}. Tokens come from {@link QueryLexer}, which follows Lucene's lexer. On top of the grammar it
 * checks field names against the event mapping and values against the field's type, and enforces limits against
 * hostile input (length, nesting, clauses; the recursion is bounded by the nesting limit). Every problem is reported
 * with its position. The validated text itself is what Elasticsearch's query_string then runs.
 */
public final class QueryParser {

    /**
     * @param maxLength             longest query accepted, in characters
     * @param maxDepth              deepest nesting of parentheses
     * @param maxClauses            most terms/phrases/ranges in one query
     * @param allowLeadingWildcards whether {@code *foo} is accepted (it scans the whole term dictionary)
     * @param allowRegex            whether {@code /regex/} is accepted
     */
    public record Limits(int maxLength, int maxDepth, int maxClauses, boolean allowLeadingWildcards,
                         boolean allowRegex) {
    }

    private static final Set<Kind> MODIFIERS = EnumSet.of(Kind.PLUS, Kind.MINUS, Kind.NOT);
    private static final Set<Kind> CONJUNCTIONS = EnumSet.of(Kind.AND, Kind.OR);
    private static final Pattern EDITS = Pattern.compile("[0-2]");

    private final Limits limits;

    public QueryParser(Limits limits) {
        this.limits = limits;
    }

    public ParsedQuery parse(String query) {
        if (query == null || query.isBlank()) {
            return new ParsedQuery("", Set.of(), 0);
        }
        if (query.length() > limits.maxLength()) {
            throw new QuerySyntaxException("The query is " + query.length() + " characters long; the limit is "
                    + limits.maxLength(), -1);
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw QuerySyntaxException.at(query, i, String.format("Control character U+%04X is not allowed",
                        (int) c));
            }
        }
        return new Run(query).parse();
    }

    /** One parse: recursive descent over the tokens, two tokens of lookahead as in Lucene's grammar. */
    private final class Run {
        private final String q;
        private final QueryLexer lexer;
        private final List<Token> ahead = new ArrayList<>();
        private final Set<String> fields = new TreeSet<>();
        private int depth;
        private int clauses;

        Run(String q) {
            this.q = q;
            this.lexer = new QueryLexer(q);
        }

        ParsedQuery parse() {
            query(null);
            Token rest = peek(0);
            if (rest.kind() != Kind.EOF) {
                throw unexpected(rest);
            }
            return new ParsedQuery(q.strip(), Set.copyOf(fields), clauses);
        }

        /** Query ::= Modifiers Clause ( [Conjunction] Modifiers Clause )*, up to ')' or the end. */
        private void query(String field) {
            modifiers();
            clause(field);
            while (true) {
                Token t = peek(0);
                if (t.kind() == Kind.EOF || t.kind() == Kind.RPAREN) {
                    return;
                }
                if (CONJUNCTIONS.contains(t.kind())) {
                    take();
                    Token next = peek(0);
                    if (next.kind() == Kind.EOF || next.kind() == Kind.RPAREN) {
                        throw error(t, "'" + operator(t) + "' needs a search term after it");
                    }
                }
                modifiers();
                clause(field);
            }
        }

        /** At most one of + - NOT ! before a clause, as in Lucene's grammar. */
        private void modifiers() {
            Token t = peek(0);
            if (t.kind() == Kind.BAREOPER) {
                throw bareOperator(t);
            }
            if (!MODIFIERS.contains(t.kind())) {
                return;
            }
            take();
            Token next = peek(0);
            if (MODIFIERS.contains(next.kind()) || next.kind() == Kind.BAREOPER) {
                throw error(next, "'" + next.text().strip() + "' cannot follow '" + t.text() + "': one NOT, !, + "
                        + "or - per term; use parentheses to combine them, e.g. NOT (-error)");
            }
            if (next.kind() == Kind.EOF || next.kind() == Kind.RPAREN) {
                throw t.kind() == Kind.NOT ? error(t, "'NOT' needs a search term after it") : bareOperator(t);
            }
        }

        /** Clause ::= [ (TERM | *) ':' ] ( Term | '(' Query ')' [^n] ). */
        private void clause(String field) {
            Token t = peek(0);
            int start = t.start();
            String target = field;
            Token second = peek(1);
            if (second.kind() == Kind.COLON && (t.kind() == Kind.TERM || t.kind() == Kind.STAR)) {
                take();
                take();
                target = t.kind() == Kind.STAR ? "*" : QueryLexer.unescape(t.text());
                validateField(target, start);
                Token value = peek(0);
                if (value.kind() == Kind.EOF || value.kind() == Kind.RPAREN) {
                    throw QuerySyntaxException.at(q, start, "Field '" + target + "' has no value after ':'");
                }
                if (target.equals("_exists_") || target.equals("*")) {
                    special(target, start);
                    return;
                }
            } else if (second.kind() == Kind.COLON && (t.kind() == Kind.PREFIXTERM || t.kind() == Kind.WILDTERM)) {
                throw error(t, "Escape the wildcards of a field name pattern with '\\', e.g. "
                        + t.text().replace("*", "\\*").replace("?", "\\?") + ":value");
            }
            if (peek(0).kind() == Kind.LPAREN) {
                group(target);
            } else {
                term(target);
            }
        }

        /** {@code _exists_:field} and {@code *:*}. */
        private void special(String name, int start) {
            Token value = take();
            if (name.equals("*")) {
                if (value.kind() != Kind.STAR) {
                    throw error(value, "Only '*:*' (everything) may use '*' as the field");
                }
            } else {
                if (value.kind() != Kind.TERM) {
                    throw error(value, "'_exists_:' needs a field name");
                }
                validateField(QueryLexer.unescape(value.text()), value.start());
            }
            suffixes(slop -> { });
            countClause(start);
        }

        private void group(String field) {
            Token open = take();
            if (++depth > limits.maxDepth()) {
                throw error(open, "Parentheses nested deeper than " + limits.maxDepth() + " levels");
            }
            Token first = peek(0);
            if (first.kind() == Kind.RPAREN) {
                throw error(open, "Empty parentheses");
            }
            if (first.kind() == Kind.EOF) {
                throw error(open, "Missing ')' to close this '('");
            }
            query(field);
            Token close = take();
            if (close.kind() != Kind.RPAREN) {
                throw error(open, "Missing ')' to close this '('");
            }
            depth--;
            boost();
        }

        /** A term, phrase, range or regular expression, with its boost and fuzziness or slop. */
        private void term(String field) {
            Token t = take();
            switch (t.kind()) {
                case TERM, STAR, PREFIXTERM, WILDTERM -> bareTerm(field, t);
                case QUOTED -> phrase(field, t);
                case RANGEIN_START, RANGEEX_START -> range(field, t);
                case REGEXPTERM -> {
                    if (!limits.allowRegex()) {
                        throw error(t, "Regular expressions (/.../) are switched off; to search for '/', escape it "
                                + "as '\\/' or put the value in quotes");
                    }
                    suffixes(slop -> { });
                }
                case BAREOPER -> throw bareOperator(t);
                case AND, OR -> throw error(t, "'" + operator(t) + "' needs a search term before it");
                case EOF -> throw error(t, "A search term is missing");
                case COLON -> throw attached(t) ? unexpected(t) : error(t, "A field name is missing before ':'");
                default -> throw unexpected(t);
            }
            countClause(t.start());
        }

        private void bareTerm(String field, Token t) {
            String text = t.text();
            boolean wildcard = t.kind() == Kind.PREFIXTERM || t.kind() == Kind.WILDTERM;
            if (t.kind() == Kind.WILDTERM && (text.startsWith("*") || text.startsWith("?"))
                    && !limits.allowLeadingWildcards()) {
                throw error(t, "Leading wildcards ('*foo', '?foo') are switched off because they scan every term "
                        + "of the index; put the wildcard after some characters, e.g. 'foo*'");
            }
            if (field != null && t.kind() != Kind.STAR) {
                int operator = text.startsWith(">=") || text.startsWith("<=") ? 2
                        : text.startsWith(">") || text.startsWith("<") ? 1 : 0;
                String value = QueryLexer.unescape(text.substring(operator));
                if (operator > 0 && value.isEmpty()) {
                    throw QuerySyntaxException.at(q, t.start() + operator, "A value is missing after '"
                            + text.substring(0, operator) + "'");
                }
                FieldValues.checkValue(q, field, value, t.start() + operator, wildcard);
            }
            // Lucene ignores fuzziness on wildcard terms
            suffixes(slop -> fuzzy(slop, t.kind() == Kind.TERM ? field == null ? "" : field : null));
        }

        private void phrase(String field, Token t) {
            if (field != null && !FieldValues.textLike(field)) {
                FieldValues.checkValue(q, field, QueryLexer.unescape(t.text().substring(1, t.text().length() - 1)), t.start() + 1, false);
            }
            suffixes(this::slop);
        }

        private void slop(Token slop) {
            if (!FieldValues.NUMBER.matcher(slop.text().substring(1)).matches()) {
                throw QuerySyntaxException.at(q, slop.start(), "'~' after a phrase needs a number (word distance), "
                        + "e.g. \"a b\"~2");
            }
        }

        private void range(String field, Token open) {
            Token lower = take();
            if (lower.kind() == Kind.EOF) {
                throw error(open, "A range must end with ']' or '}'");
            }
            if (lower.kind() == Kind.RANGEIN_END || lower.kind() == Kind.RANGEEX_END) {
                throw error(lower, "A range bound is missing (use * for open ends)");
            }
            Token to = take();
            if (to.kind() != Kind.RANGE_TO) {
                if (lower.kind() == Kind.RANGE_TO) {
                    throw error(lower, "A range bound is missing (use * for open ends)");
                }
                throw to.kind() == Kind.EOF ? error(open, "A range needs 'TO' between its bounds, e.g. [1 TO 5]")
                        : error(to, "A range needs 'TO' between its bounds, e.g. [1 TO 5]");
            }
            Token upper = take();
            if (upper.kind() == Kind.RANGEIN_END || upper.kind() == Kind.RANGEEX_END) {
                throw error(upper, "A range bound is missing (use * for open ends)");
            }
            Token close = take();
            if (upper.kind() == Kind.EOF || close.kind() != Kind.RANGEIN_END && close.kind() != Kind.RANGEEX_END) {
                throw error(open, "A range must end with ']' or '}'");
            }
            if (field != null) {
                bound(field, lower);
                bound(field, upper);
            }
            boost();
        }

        private void bound(String field, Token bound) {
            boolean quoted = bound.kind() == Kind.RANGE_QUOTED;
            String text = quoted ? bound.text().substring(1, bound.text().length() - 1) : bound.text();
            if (quoted || !text.equals("*")) {
                FieldValues.checkValue(q, field, QueryLexer.unescape(text), bound.start() + (quoted ? 1 : 0), false);
            }
        }

        /** {@code [^n [~x]] | [~x [^n]]} after a term or phrase; {@code tilde} checks the {@code ~x}. */
        private void suffixes(Consumer<Token> tilde) {
            Token next = peek(0);
            if (next.kind() == Kind.CARAT) {
                boost();
                if (peek(0).kind() == Kind.FUZZY_SLOP) {
                    tilde.accept(take());
                }
            } else if (next.kind() == Kind.FUZZY_SLOP) {
                tilde.accept(take());
                boost();
            }
        }

        private void fuzzy(Token slop, String field) {
            if (field == null) {
                return;
            }
            if (!field.isEmpty() && !FieldValues.textLike(field)) {
                throw error(slop, "Field '" + field + "' is not text or keyword; fuzzy search ('~') needs one");
            }
            if (field.equals(EventFields.LABELS) || field.startsWith(EventFields.LABELS + ".")) {
                // Elasticsearch refuses fuzzy queries on flattened fields, shard by shard (an answer of 0 matches)
                throw error(slop, "Fuzzy search ('~') does not work on labels; use a wildcard, e.g. "
                        + field + ":acm*");
            }
            String edits = slop.text().substring(1);
            if (edits.isEmpty() || EDITS.matcher(edits).matches()) {
                return;
            }
            throw QuerySyntaxException.at(q, slop.start() + 1, FieldValues.NUMBER.matcher(edits).matches()
                    ? "Fuzziness can be at most 2 edits" : "'~' needs the number of edits (0, 1 or 2), e.g. timeout~1");
        }

        private void boost() {
            if (peek(0).kind() != Kind.CARAT) {
                return;
            }
            Token caret = take();
            if (take().kind() != Kind.NUMBER) {
                throw error(caret, "'^' needs a number (boost), e.g. error^2");
            }
        }

        private void validateField(String name, int at) {
            if (!name.equals("_exists_") && !name.equals("*")) {
                FieldValues.checkField(q, name, at);
                fields.add(name);
            }
        }

        private void countClause(int at) {
            if (++clauses > limits.maxClauses()) {
                throw QuerySyntaxException.at(q, at, "The query has more than " + limits.maxClauses() + " terms");
            }
        }

        private Token peek(int n) {
            while (ahead.size() <= n) {
                ahead.add(lexer.next());
            }
            return ahead.get(n);
        }

        private Token take() {
            peek(0);
            return ahead.removeFirst();
        }

        /** Whether {@code t} directly follows the previous token, with no whitespace in between. */
        private boolean attached(Token t) {
            return t.start() > 0 && !QueryLexer.whitespace(q.charAt(t.start() - 1));
        }

        private QuerySyntaxException bareOperator(Token t) {
            char c = t.text().charAt(0);
            return error(t, "'" + c + "' must be followed directly by a search term, e.g. " + c + "error");
        }

        private QuerySyntaxException unexpected(Token t) {
            return switch (t.kind()) {
                case RPAREN -> error(t, "Unexpected ')' without a matching '('");
                case COLON -> error(t, "Unexpected ':'; to search for a colon, escape it as '\\:' or quote the value");
                case CARAT -> error(t, "Unexpected '^': a boost follows a term, e.g. error^2");
                case FUZZY_SLOP -> error(t, "Unexpected '~': fuzziness follows a term, e.g. timeout~1");
                default -> error(t, "Unexpected '" + t.text() + "'");
            };
        }

        private QuerySyntaxException error(Token at, String problem) {
            return QuerySyntaxException.at(q, at.start(), problem);
        }
    }

    private static String operator(Token t) {
        return t.kind() == Kind.AND ? "AND" : "OR";
    }
}
