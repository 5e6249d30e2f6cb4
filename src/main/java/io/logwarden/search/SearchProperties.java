package io.logwarden.search;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search settings.
 *
 * @param defaultFields          fields a term without a field name searches
 * @param defaultRange           time range used when a search gives no {@code from} (quick-range syntax)
 * @param maxQueryLength         longest query accepted, in characters
 * @param maxNesting             deepest nesting of parentheses in a query
 * @param maxClauses             most terms, phrases and ranges in one query
 * @param allowLeadingWildcards  accept {@code *foo} (scans every term of the index: off by default)
 * @param allowRegex             accept {@code /regex/} terms (off by default)
 * @param maxPageSize            most events one page may return
 * @param cursorKeepAlive        how long a paged search's point in time stays open between two pages
 * @param histogramBuckets       about how many bars the histogram has
 * @param tailInterval           how often live tail looks for new events
 * @param tailMaxEventsPerSecond most events live tail delivers per second; beyond it the newest are shown and the
 *                               rest counted as skipped, so a flood cannot freeze a browser
 * @param tailLookback           how far behind the newest seen event live tail looks again, for events that become
 *                               searchable late (refresh interval, clock skew)
 * @param historySize            queries remembered per user
 * @param timelineMax            most events in an entity timeline
 */
@Validated
@ConfigurationProperties("logwarden.search")
public record SearchProperties(
        @NotEmpty @DefaultValue({"message", "error.message"}) List<String> defaultFields,
        @NotNull @DefaultValue("now-15m") String defaultRange,
        @Min(16) @Max(65536) @DefaultValue("4096") int maxQueryLength,
        @Min(1) @Max(100) @DefaultValue("20") int maxNesting,
        @Min(1) @Max(4096) @DefaultValue("256") int maxClauses,
        @DefaultValue("false") boolean allowLeadingWildcards,
        @DefaultValue("false") boolean allowRegex,
        @Min(1) @Max(10000) @DefaultValue("1000") int maxPageSize,
        @NotNull @DefaultValue("2m") Duration cursorKeepAlive,
        @Min(10) @Max(1000) @DefaultValue("60") int histogramBuckets,
        @NotNull @DefaultValue("1s") Duration tailInterval,
        @Min(1) @DefaultValue("100") int tailMaxEventsPerSecond,
        @NotNull @DefaultValue("10s") Duration tailLookback,
        @Min(0) @DefaultValue("20") int historySize,
        @Min(1) @Max(10000) @DefaultValue("1000") int timelineMax) {
}
