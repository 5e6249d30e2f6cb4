package io.logwarden.search;

/**
 * A query or time range that cannot be run, with the position (0-based character offset into the query) the
 * problem was found at, or -1 when it concerns the request as a whole.
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

    public int position() {
        return position;
    }

    /** The query with a caret under the offending character, for fixed-width display. */
    private static String pointer(String query, int position) {
        if (query == null || query.length() > 200 || query.contains("\n")) {
            return "";
        }
        return ":\n  " + query + "\n  " + " ".repeat(Math.max(0, Math.min(position, query.length()))) + "^";
    }
}
