package io.logwarden.search.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a Search view URL says: {@code search?q=&from=&to=&cols=} (the form {@code base.ui.SearchLink} builds, plus the
 * chosen columns). Read on navigation, written back after every run, so a search can be shared as a link.
 *
 * @param query   Lucene query, blank for everything
 * @param from    range start as typed: a quick range ({@code now-15m}) or an instant; blank for the default
 * @param to      range end as typed; blank for now
 * @param columns chosen columns; empty for the default ones
 */
record SearchState(String query, String from, String to, List<String> columns) {

    static final String ROUTE = "search";

    SearchState {
        query = query == null ? "" : query;
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** From the query parameters of a location; absent ones are blank. */
    static SearchState of(Map<String, List<String>> parameters) {
        String cols = first(parameters, "cols");
        return new SearchState(first(parameters, "q"), first(parameters, "from"), first(parameters, "to"),
                cols.isBlank() ? List.of() : Arrays.stream(cols.split(",")).map(String::strip)
                        .filter(c -> !c.isEmpty()).distinct().toList());
    }

    /** Whether the location named any search state at all. */
    static boolean given(Map<String, List<String>> parameters) {
        return parameters.keySet().stream().anyMatch(k -> List.of("q", "from", "to", "cols").contains(k));
    }

    /** The relative URL, e.g. {@code search?q=log.level%3Aerror&from=now-1h}; blank parts are left out. */
    String url() {
        StringBuilder url = new StringBuilder(ROUTE).append("?q=").append(encode(query));
        if (!from.isBlank()) {
            url.append("&from=").append(encode(from));
        }
        if (!to.isBlank()) {
            url.append("&to=").append(encode(to));
        }
        if (!columns.isEmpty()) {
            url.append("&cols=").append(encode(String.join(",", columns)));
        }
        return url.toString();
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() || values.getFirst() == null ? "" : values.getFirst();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
