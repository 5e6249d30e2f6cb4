package io.logwarden.search;

/**
 * A query or time range that cannot be run, with where the problem was found: {@link #position()} is the 0-based
 * character offset into the query (-1 when it concerns the request as a whole); messages and the API's
 * {@code "position"} give it 1-based, as people count characters.
 */
public class QuerySyntaxException extends RuntimeException {

    private final int position;

    public QuerySyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    public static QuerySyntaxException at(String query, int position, String problem) {
        return new QuerySyntaxException(problem + " at position " + (position + 1) + pointer(query, position),
                position);
    }

    /** 0-based offset into the query, -1 for none. */
    public int position() {
        return position;
    }

    /** 1-based character number, as in the message; 0 for none. */
    public int column() {
        return position + 1;
    }

    /** The query with a caret under the offending character, for fixed-width display. */
    private static String pointer(String query, int position) {
        if (query == null || query.length() > 200 || query.contains("\n")) {
            return "";
        }
        return ":\n  " + query + "\n  " + " ".repeat(Math.max(0, Math.min(position, query.length()))) + "^";
    }
}
