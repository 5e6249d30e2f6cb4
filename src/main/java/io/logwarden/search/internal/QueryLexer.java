package io.logwarden.search.internal;

import io.logwarden.search.QuerySyntaxException;

/**
 * Splits a query into tokens the way the lexer of Lucene's classic {@code QueryParser.jj} does (the grammar
 * Elasticsearch's {@code query_string} runs): the longest match wins, a tie goes to the rule declared first, and the
 * lexical states DEFAULT, Range (after {@code [ or {}) and Boost (after {@code ^}) are followed. Reading the text with
 * the same rules is what keeps the validator and Elasticsearch from disagreeing, e.g. about {@code AND)} (the
 * operator) or {@code a&&b} (one term). Tokens are produced lazily, so a lexical error is reported only when the
 * parser gets that far.
 */
final class QueryLexer {

    /** Token kinds, in the declaration order of QueryParser.jj (the tie-breaker). */
    enum Kind {
        AND, OR, NOT, PLUS, MINUS, BAREOPER, LPAREN, RPAREN, COLON, STAR, CARAT, QUOTED, TERM, FUZZY_SLOP,
        PREFIXTERM, WILDTERM, REGEXPTERM, RANGEIN_START, RANGEEX_START, NUMBER, RANGE_TO, RANGEIN_END, RANGEEX_END,
        RANGE_QUOTED, RANGE_GOOP, EOF
    }

    /** A token: its kind, its text as written and its 0-based offset. */
    record Token(Kind kind, String text, int start) {
        int end() {
            return start + text.length();
        }
    }

    private enum State { DEFAULT, RANGE, BOOST }

    private static final String NOT_TERM_START = " \t\n\r\u3000+-!():^[]\"{}~*?\\/";

    private final String q;
    private final int len;
    private int pos;
    private State state = State.DEFAULT;

    QueryLexer(String q) {
        this.q = q;
        this.len = q.length();
    }

    Token next() {
        if (state != State.BOOST) {
            while (pos < len && whitespace(q.charAt(pos))) {
                pos++;
            }
        }
        if (pos >= len) {
            return new Token(Kind.EOF, "", len);
        }
        Token token = switch (state) {
            case DEFAULT -> defaultToken();
            case RANGE -> rangeToken();
            case BOOST -> boostToken();
        };
        pos = token.end();
        state = switch (token.kind()) {
            case RANGEIN_START, RANGEEX_START -> State.RANGE;
            case CARAT -> State.BOOST;
            case NUMBER, RANGEIN_END, RANGEEX_END -> State.DEFAULT;
            default -> state;
        };
        return token;
    }

    private Token defaultToken() {
        Kind best = null;
        int bestLength = 0;
        for (Kind kind : Kind.values()) {
            int length = matchDefault(kind);
            if (length > bestLength) {
                best = kind;
                bestLength = length;
            }
        }
        if (best == null) {
            throw noToken();
        }
        return new Token(best, q.substring(pos, pos + bestLength), pos);
    }

    /** Length of the match of {@code kind} at the current position in the DEFAULT state, 0 when none. */
    private int matchDefault(Kind kind) {
        char c = q.charAt(pos);
        return switch (kind) {
            case AND -> q.startsWith("AND", pos) ? 3 : q.startsWith("&&", pos) ? 2 : 0;
            case OR -> q.startsWith("OR", pos) || q.startsWith("||", pos) ? 2 : 0;
            case NOT -> q.startsWith("NOT", pos) ? 3 : c == '!' ? 1 : 0;
            case PLUS -> c == '+' ? 1 : 0;
            case MINUS -> c == '-' ? 1 : 0;
            case BAREOPER -> (c == '+' || c == '-' || c == '!') && pos + 1 < len && whitespace(q.charAt(pos + 1))
                    ? 2 : 0;
            case LPAREN -> c == '(' ? 1 : 0;
            case RPAREN -> c == ')' ? 1 : 0;
            case COLON -> c == ':' ? 1 : 0;
            case STAR -> c == '*' ? 1 : 0;
            case CARAT -> c == '^' ? 1 : 0;
            case QUOTED -> quoted();
            case TERM -> term(pos, false);
            case FUZZY_SLOP -> c == '~' ? 1 + termChars(pos + 1) : 0;
            case PREFIXTERM -> prefixTerm();
            case WILDTERM -> term(pos, true);
            case REGEXPTERM -> regex();
            case RANGEIN_START -> c == '[' ? 1 : 0;
            case RANGEEX_START -> c == '{' ? 1 : 0;
            default -> 0;
        };
    }

    private Token rangeToken() {
        char c = q.charAt(pos);
        int goop = 0;
        while (pos + goop < len && " ]}".indexOf(q.charAt(pos + goop)) < 0) {
            goop++;
        }
        int quoted = c == '"' ? rangeQuoted() : 0;
        if (q.startsWith("TO", pos) && goop == 2) {
            return new Token(Kind.RANGE_TO, "TO", pos);
        }
        if (c == ']' || c == '}') {
            return new Token(c == ']' ? Kind.RANGEIN_END : Kind.RANGEEX_END, String.valueOf(c), pos);
        }
        return quoted >= goop ? new Token(Kind.RANGE_QUOTED, q.substring(pos, pos + quoted), pos)
                : new Token(Kind.RANGE_GOOP, q.substring(pos, pos + goop), pos);
    }

    private Token boostToken() {
        int end = digits(pos);
        if (end > pos && end + 1 < len && q.charAt(end) == '.' && digits(end + 1) > end + 1) {
            end = digits(end + 1);
        }
        if (end == pos) {
            throw QuerySyntaxException.at(q, pos - 1, "'^' needs a number (boost), e.g. error^2");
        }
        return new Token(Kind.NUMBER, q.substring(pos, end), pos);
    }

    /** {@code "..."} with backslash escapes; 0 when unterminated. */
    private int quoted() {
        if (q.charAt(pos) != '"') {
            return 0;
        }
        int i = pos + 1;
        while (i < len && q.charAt(i) != '"') {
            i += q.charAt(i) == '\\' ? 2 : 1;
        }
        return i < len ? i + 1 - pos : 0;
    }

    /** {@code "x"} in a range: at least one character, {@code \"} does not end it. */
    private int rangeQuoted() {
        for (int i = pos + 2; i < len; i++) {
            if (q.charAt(i) == '"' && q.charAt(i - 1) != '\\') {
                return i + 1 - pos;
            }
        }
        int last = q.lastIndexOf('"');
        return last > pos + 1 ? last + 1 - pos : 0;
    }

    /** A term start character followed by term characters (and, for a wildcard term, '*' and '?' anywhere). */
    private int term(int from, boolean wildcards) {
        int i = from;
        int start = termStart(i);
        if (start > 0) {
            i += start;
        } else if (wildcards && i < len && (q.charAt(i) == '*' || q.charAt(i) == '?')) {
            i++;
        } else {
            return 0;
        }
        while (i < len) {
            int step = termStart(i);
            if (step == 0 && (q.charAt(i) == '-' || q.charAt(i) == '+'
                    || wildcards && (q.charAt(i) == '*' || q.charAt(i) == '?'))) {
                step = 1;
            }
            if (step == 0) {
                break;
            }
            i += step;
        }
        return i - from;
    }

    private int prefixTerm() {
        if (q.charAt(pos) == '*') {
            return 1;
        }
        int term = term(pos, false);
        return term > 0 && pos + term < len && q.charAt(pos + term) == '*' ? term + 1 : 0;
    }

    private int termChars(int from) {
        int i = from;
        while (i < len) {
            int step = termStart(i);
            if (step == 0 && (q.charAt(i) == '-' || q.charAt(i) == '+')) {
                step = 1;
            }
            if (step == 0) {
                break;
            }
            i += step;
        }
        return i - from;
    }

    /** {@code /.../}: the longest match ends at the first '/' that no backslash escapes. */
    private int regex() {
        if (q.charAt(pos) != '/') {
            return 0;
        }
        for (int i = pos + 1; i < len; i++) {
            if (q.charAt(i) == '/' && q.charAt(i - 1) != '\\') {
                return i + 1 - pos;
            }
        }
        int last = q.lastIndexOf('/');
        return last > pos ? last + 1 - pos : 0;
    }

    /** Length of a term start character at {@code i}: 2 for an escape, 1 for a plain one, 0 for none. */
    private int termStart(int i) {
        if (i >= len) {
            return 0;
        }
        char c = q.charAt(i);
        if (c == '\\') {
            return i + 1 < len ? 2 : 0;
        }
        return NOT_TERM_START.indexOf(c) < 0 ? 1 : 0;
    }

    private int digits(int from) {
        int i = from;
        while (i < len && q.charAt(i) >= '0' && q.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private QuerySyntaxException noToken() {
        char c = q.charAt(pos);
        return switch (c) {
            case '"' -> QuerySyntaxException.at(q, pos, "Unterminated phrase: missing closing '\"'");
            case '\\' -> QuerySyntaxException.at(q, pos, "Trailing backslash escapes nothing");
            case '/' -> QuerySyntaxException.at(q, pos, "Unterminated regular expression: missing closing '/'; to "
                    + "search for '/', escape it as '\\/' or put the value in quotes");
            case ']', '}' -> QuerySyntaxException.at(q, pos, "Unexpected '" + c + "' without a range to close");
            default -> QuerySyntaxException.at(q, pos, "Unexpected '" + c + "'");
        };
    }

    static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u3000';
    }

    /** The text with Lucene's backslash escapes removed. */
    static String unescape(String raw) {
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
