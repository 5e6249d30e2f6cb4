package io.logwarden.storage;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the overview dashboard reads from the events of one range, answered by one search whose aggregations
 * are siblings (one pass over the matching documents instead of one per chart).
 *
 * @param selection   range, query and scope
 * @param interval    bucket width of the volume and error-rate histograms
 * @param maxSeries   most values per split (the rest form one series)
 * @param splitFields fields the volume is split by, e.g. {@code log.level}, {@code service.name}, {@code audit.source}
 * @param errors      which events are errors, and the split (one of {@code splitFields}) the error rate is given for
 * @param durations   percentiles of a numeric field over time per top value of a group field
 * @param topFields   fields whose most frequent values are counted
 * @param topSize     values per top field
 */
public record OverviewRequest(EventSelection selection, Duration interval, int maxSeries, List<String> splitFields,
                              ErrorRequest errors, PercentileRequest durations, List<String> topFields,
                              int topSize) {

    public OverviewRequest {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(interval, "interval");
        splitFields = List.copyOf(splitFields);
        topFields = List.copyOf(topFields);
        if (errors != null && !splitFields.contains(errors.splitField())) {
            throw new IllegalArgumentException("The error rate's split must be one of the volume splits");
        }
    }

    /**
     * @param splitField the split the error rate is given per series for
     * @param field      the field telling errors, e.g. {@code log.level}
     * @param values     its values that make an event an error
     */
    public record ErrorRequest(String splitField, String field, List<String> values) {

        public ErrorRequest {
            values = List.copyOf(values);
        }
    }

    /**
     * @param field      numeric field, e.g. {@code event.duration}
     * @param groupField the groups, e.g. {@code event.action}
     * @param groups     most groups
     * @param interval   bucket width (coarser than the volume's: percentiles cost per bucket)
     * @param percents   e.g. 50, 95, 99
     */
    public record PercentileRequest(String field, String groupField, int groups, Duration interval,
                                    double[] percents) {
    }
}
