package io.logwarden.base.ui;

import com.vaadin.flow.router.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a click on a chart leads: the Search view with a query and a time range ({@code search?q=&from=&to=}). */
public record SearchLink(String query, Instant from, Instant to) {

    public static final String SEARCH_ROUTE = "search";

    public QueryParameters parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("q", query == null ? "" : query);
        parameters.put("from", from.toString());
        parameters.put("to", to.toString());
        return QueryParameters.simple(parameters);
    }

    /** The relative URL, e.g. {@code search?q=log.level%3A%22error%22&from=...&to=...}. */
    public String url() {
        return SEARCH_ROUTE + "?q=" + encode(query == null ? "" : query) + "&from=" + encode(from.toString())
                + "&to=" + encode(to.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
