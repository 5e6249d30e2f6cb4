package io.logwarden.search.internal;

import java.util.Set;

/**
 * A query that passed validation.
 *
 * @param text    the query text to hand to Elasticsearch's query_string (blank means: match everything)
 * @param fields  the field names it names explicitly ({@code _exists_:x} counts as x)
 * @param clauses number of terms, phrases, ranges and regular expressions
 */
public record ParsedQuery(String text, Set<String> fields, int clauses) {

    public boolean matchAll() {
        return text.isBlank();
    }
}
