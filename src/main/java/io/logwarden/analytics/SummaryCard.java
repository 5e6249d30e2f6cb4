package io.logwarden.analytics;

/**
 * One figure of the summary row and the same figure for the period before.
 *
 * @param id       stable identifier (total, errors, critical, warnings, users)
 * @param label    caption
 * @param value    this period
 * @param previous the period before
 * @param filter   Lucene filter of the events counted, for click-through (blank for all events)
 */
public record SummaryCard(String id, String label, long value, long previous, String filter) {

    /** Change against the previous period in percent; {@code NaN} when the previous period had none. */
    public double changePercent() {
        return previous == 0 ? Double.NaN : (value - previous) * 100.0 / previous;
    }
}
