package io.logwarden.analytics;

/**
 * What a widget shows: exactly one of the three is set, by widget type.
 *
 * @param series    for time series
 * @param breakdown for bar breakdowns and top-value tables
 * @param number    for single numbers
 */
public record WidgetData(Widget widget, TimeSeries series, Breakdown breakdown, Long number) {
}
