package io.logwarden.search;

/**
 * A field present in a sample of the results.
 *
 * @param field     dotted path ({@code service.name}, {@code labels.tenant})
 * @param events    how many of the sampled events have it
 * @param sample    how many events were sampled
 * @param facetable whether its top values can be counted over all matches (keyword-like fields and labels)
 */
public record SampledField(String field, int events, int sample, boolean facetable) {
}
