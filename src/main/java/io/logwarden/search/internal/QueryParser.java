package io.logwarden.search.internal;

import io.logwarden.search.QuerySyntaxException;
import io.logwarden.storage.EventFields;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates Lucene query syntax (as Kibana and Graylog users write it) before anything reaches Elasticsearch:
 * {@code field:value}, phrases, {@code AND/OR/NOT && || !}, {@code + -}, groups, field groups, wildcards, ranges
 * {@code [a TO b] {a TO b}} and {@code field:>=x}, {@code _exists_:field}, fuzziness, proximity, boosts and (when
 * allowed) {@code /regex/}. Every problem is reported with the position it was found at. It also checks field names
 * against the event mapping and values against the field's type, and enforces size limits against hostile input.
 * The validated text itself is what Elasticsearch's query_string then runs.
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
        public static final Limits DEFAULT = new Limits(4096, 20, 256, false, false);
    }

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
        return new Run(query).parse();
    }

    /** One parse: a hand-written recursive descent over the query text. */
    private final class Run {
        private final String q;
        private final int len;
        private final Set<String> fields = new TreeSet<>();
        private int pos;
        private int depth;
        private int clauses;

        Run(String q) {
            this.q = q;
            this.len = q.length();
        }

        ParsedQuery parse() {
            for (int i = 0; i < len; i++) {
                char c = q.charAt(i);
                if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                    throw error(i, String.format("Control character U+%04X is not allowed", (int) c));
                }
            }
            orExpr(null);
            skipWs();
            if (pos < len) {
                throw unexpected();
            }
            return new ParsedQuery(q.strip(), Set.copyOf(fields), clauses);
        }

        private void orExpr(String field) {
            andExpr(field);
            while (true) {
                skipWs();
                int at = pos;
                if (keyword("OR") || symbol("||")) {
                    requireClauseAfter(at, "OR");
                    andExpr(field);
                } else {
                    return;
                }
            }
        }

        private void andExpr(String field) {
            clause(field);
            while (true) {
                skipWs();
                if (pos >= len || peek() == ')' || keywordAhead("OR") || q.startsWith("||", pos)) {
                    return;
                }
                int at = pos;
                if (keyword("AND") || symbol("&&")) {
                    requireClauseAfter(at, "AND");
                }
                clause(field);
            }
        }

        private void clause(String field) {
            skipWs();
            if (pos >= len) {
                throw error(pos, "A search term is missing");
            }
            int at = pos;
            for (String op : new String[] {"AND", "OR"}) {
                if (keywordAhead(op)) {
                    throw error(at, "'" + op + "' needs a search term before it");
                }
            }
            if (q.startsWith("&&", pos) || q.startsWith("||", pos)) {
                throw error(at, "'" + q.substring(pos, pos + 2) + "' needs a search term before it");
            }
            if (keyword("NOT") || symbol("!")) {
                requireClauseAfter(at, "NOT");
                clause(field);
                return;
            }
            char c = peek();
            if (c == '+' || c == '-') {
                pos++;
                if (pos >= len || Character.isWhitespace(peek())) {
                    throw error(at, "'" + c + "' must be followed directly by a search term, e.g. " + c + "error");
                }
                clause(field);
                return;
            }
            primary(field);
        }

        private void primary(String field) {
            char c = peek();
            if (c == '(') {
                group(field);
                return;
            }
            if (c == ')') {
                throw pos > 0 && q.charAt(pos - 1) == '(' ? error(pos - 1, "Empty parentheses")
                        : error(pos, "Unexpected ')' without a matching '('");
            }
            if (c == ':') {
                throw error(pos, "A field name is missing before ':'");
            }
            int start = pos;
            String name = field == null ? fieldName() : null;
            if (name == null) {
                value(field, start);
                return;
            }
            validateField(name, start);
            skipWs();
            if (pos >= len) {
                throw error(start, "Field '" + name + "' has no value after ':'");
            }
            if (peek() == '(') {
                group(name);
            } else if (name.equals("_exists_")) {
                int valueStart = pos;
                String target = unescape(term());
                if (target.isEmpty()) {
                    throw error(valueStart, "'_exists_:' needs a field name");
                }
                validateField(target, valueStart);
                countClause(start);
            } else if (name.equals("*")) {
                int valueStart = pos;
                if (!term().equals("*")) {
                    throw error(valueStart, "Only '*:*' (everything) may use '*' as the field");
                }
                countClause(start);
            } else {
                value(name, start);
            }
        }

        private void group(String field) {
            int open = pos++;
            if (++depth > limits.maxDepth()) {
                throw error(open, "Parentheses nested deeper than " + limits.maxDepth() + " levels");
            }
            skipWs();
            if (pos < len && peek() == ')') {
                throw error(open, "Empty parentheses");
            }
            orExpr(field);
            skipWs();
            if (pos >= len || peek() != ')') {
                throw pos >= len ? error(open, "Missing ')' to close this '('") : unexpected();
            }
            pos++;
            depth--;
            boost();
        }

        private void value(String field, int start) {
            char c = peek();
            if (c == '"') {
                phrase(field);
            } else if (c == '[' || c == '{') {
                range(field);
            } else if (c == '/') {
                regex();
            } else if (field != null && (c == '<' || c == '>')) {
                pos++;
                if (pos < len && peek() == '=') {
                    pos++;
                }
                int valueStart = pos;
                String bound = unescape(term());
                if (bound.isEmpty()) {
                    throw error(valueStart, "A value is missing after '" + c + "'");
                }
                checkValue(field, bound, valueStart, false);
            } else {
                int valueStart = pos;
                String raw = term();
                if (raw.isEmpty()) {
                    throw unexpected();
                }
                if ((raw.startsWith("*") || raw.startsWith("?")) && !raw.equals("*")
                        && !limits.allowLeadingWildcards()) {
                    throw error(valueStart, "Leading wildcards ('*foo', '?foo') are switched off because they "
                            + "scan every term of the index; put the wildcard after some characters, e.g. 'foo*'");
                }
                if (field != null && !raw.equals("*")) {
                    checkValue(field, unescape(raw), valueStart, raw.contains("*") || raw.contains("?"));
                }
                fuzzy();
                boost();
            }
            countClause(start);
        }

        private void phrase(String field) {
            int open = pos++;
            StringBuilder text = new StringBuilder();
            while (pos < len && peek() != '"') {
                if (peek() == '\\') {
                    if (pos + 1 >= len) {
                        throw error(pos, "Trailing backslash escapes nothing");
                    }
                    pos++;
                }
                text.append(q.charAt(pos++));
            }
            if (pos >= len) {
                throw error(open, "Unterminated phrase: missing closing '\"'");
            }
            pos++;
            if (field != null && !EventFields.typeOf(field).orElse("keyword").matches("text|keyword|flattened")) {
                checkValue(field, text.toString(), open + 1, false);
            }
            if (pos < len && peek() == '~') {
                pos++;
                int at = pos;
                String n = number();
                if (n.isEmpty()) {
                    throw error(at, "'~' after a phrase needs a number (word distance), e.g. \"a b\"~2");
                }
            }
            boost();
        }

        private void range(String field) {
            int open = pos++;
            skipWs();
            int lowerAt = pos;
            String lower = rangeBound();
            skipWs();
            if (!keyword("TO")) {
                throw error(pos >= len ? open : pos, "A range needs 'TO' between its bounds, e.g. [1 TO 5]");
            }
            skipWs();
            int upperAt = pos;
            String upper = rangeBound();
            skipWs();
            if (pos >= len || (peek() != ']' && peek() != '}')) {
                throw error(pos >= len ? open : pos, "A range must end with ']' or '}'");
            }
            pos++;
            if (lower.isEmpty() || upper.isEmpty()) {
                throw error(lower.isEmpty() ? lowerAt : upperAt, "A range bound is missing (use * for open ends)");
            }
            if (field != null) {
                checkValue(field, lower, lowerAt, false);
                checkValue(field, upper, upperAt, false);
            }
            boost();
        }

        private String rangeBound() {
            if (pos < len && peek() == '"') {
                int open = pos++;
                int close = q.indexOf('"', pos);
                if (close < 0) {
                    throw error(open, "Unterminated quoted range bound");
                }
                pos = close + 1;
                return q.substring(open + 1, close);
            }
            int start = pos;
            while (pos < len && !Character.isWhitespace(peek()) && peek() != ']' && peek() != '}') {
                pos += peek() == '\\' && pos + 1 < len ? 2 : 1;
            }
            return unescape(q.substring(start, pos));
        }

        private void regex() {
            int open = pos;
            if (!limits.allowRegex()) {
                throw error(open, "Regular expressions (/.../) are switched off; to search for '/', escape it as "
                        + "'\\/' or put the value in quotes");
            }
            pos++;
            while (pos < len && peek() != '/') {
                pos += peek() == '\\' ? 2 : 1;
            }
            if (pos >= len) {
                throw error(open, "Unterminated regular expression: missing closing '/'");
            }
            pos++;
            boost();
        }

        /** A bare term: everything up to whitespace or a syntax character; backslash escapes are kept. */
        private String term() {
            int start = pos;
            while (pos < len) {
                char c = peek();
                if (c == '\\') {
                    if (pos + 1 >= len) {
                        throw error(pos, "Trailing backslash escapes nothing");
                    }
                    pos += 2;
                    continue;
                }
                if (Character.isWhitespace(c) || "()[]{}\"^~/!".indexOf(c) >= 0
                        || q.startsWith("&&", pos) || q.startsWith("||", pos)) {
                    break;
                }
                if (c == ':') {
                    throw error(pos, "Unexpected ':'; to search for a colon, escape it as '\\:' or quote the value");
                }
                pos++;
            }
            return q.substring(start, pos);
        }

        /** {@code name:} at the current position, consumed; else null and nothing consumed. */
        private String fieldName() {
            int start = pos;
            while (pos < len) {
                char c = peek();
                if (Character.isLetterOrDigit(c) || "_.@*-".indexOf(c) >= 0) {
                    pos++;
                } else {
                    break;
                }
            }
            if (pos > start && pos < len && peek() == ':') {
                String name = q.substring(start, pos);
                pos++;
                return name;
            }
            pos = start;
            return null;
        }

        private void validateField(String name, int at) {
            if (name.equals("_exists_") || name.equals("*")) {
                return;
            }
            if (name.contains("*")) {
                Pattern glob = Pattern.compile(Pattern.quote(name).replace("*", "\\E.*\\Q"));
                if (EventFields.types().keySet().stream().noneMatch(f -> glob.matcher(f).matches())) {
                    throw error(at, "No field matches '" + name + "'");
                }
                fields.add(name);
                return;
            }
            if (EventFields.typeOf(name).isEmpty()) {
                throw error(at, "Unknown field '" + name + "'" + FieldValues.suggestion(name));
            }
            fields.add(name);
        }

        private void checkValue(String field, String value, int at, boolean wildcard) {
            String problem = FieldValues.problem(field, value, wildcard);
            if (problem != null) {
                throw error(at, "Field '" + field + "' " + problem + ", not '" + value + "'");
            }
        }

        private void fuzzy() {
            if (pos < len && peek() == '~') {
                pos++;
                int at = pos;
                String n = number();
                if (!n.isEmpty() && Double.parseDouble(n) > 2) {
                    throw error(at, "Fuzziness can be at most 2 edits");
                }
            }
        }

        private void boost() {
            if (pos < len && peek() == '^') {
                int at = pos++;
                if (number().isEmpty()) {
                    throw error(at, "'^' needs a number (boost), e.g. error^2");
                }
            }
        }

        private String number() {
            int start = pos;
            while (pos < len && (Character.isDigit(peek()) || peek() == '.')) {
                pos++;
            }
            String n = q.substring(start, pos);
            if (!n.isEmpty() && !FieldValues.NUMBER.matcher(n).matches()) {
                throw error(start, "'" + n + "' is not a number");
            }
            return n;
        }

        private void countClause(int at) {
            if (++clauses > limits.maxClauses()) {
                throw error(at, "The query has more than " + limits.maxClauses() + " terms");
            }
        }

        private void requireClauseAfter(int at, String op) {
            skipWs();
            if (pos >= len || peek() == ')') {
                throw error(at, "'" + op + "' needs a search term after it");
            }
        }

        private boolean keyword(String word) {
            if (keywordAhead(word)) {
                pos += word.length();
                return true;
            }
            return false;
        }

        private boolean keywordAhead(String word) {
            if (!q.startsWith(word, pos)) {
                return false;
            }
            int end = pos + word.length();
            return end >= len || Character.isWhitespace(q.charAt(end)) || q.charAt(end) == '(' || q.charAt(end) == '"';
        }

        private boolean symbol(String s) {
            if (q.startsWith(s, pos)) {
                pos += s.length();
                return true;
            }
            return false;
        }

        private char peek() {
            return q.charAt(pos);
        }

        private void skipWs() {
            while (pos < len && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        private QuerySyntaxException unexpected() {
            char c = peek();
            return c == ')' ? error(pos, "Unexpected ')' without a matching '('")
                    : error(pos, "Unexpected '" + c + "'");
        }

        private QuerySyntaxException error(int at, String problem) {
            return QuerySyntaxException.at(q, at, problem);
        }
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                c = raw.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
