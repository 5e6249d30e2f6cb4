package io.logwarden.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TimeSeries;
import io.logwarden.analytics.Widget;
import io.logwarden.analytics.WidgetData;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WidgetTablesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void a_time_series_becomes_one_row_per_bucket_and_one_column_per_series() {
        Widget widget = new Widget("Errors", Widget.Type.TIME_SERIES, "log.level:error", "service.name");
        TimeSeries series = new TimeSeries(new TimeRange(T0, T0.plusSeconds(7200), ""), Duration.ofHours(1),
                List.of(T0, T0.plusSeconds(3600)), "events", List.of(
                new TimeSeries.Series("checkout", "", new double[] {3, Double.NaN}),
                new TimeSeries.Series("=cmd", "", new double[] {0.5, 7})));

        WidgetTable table = WidgetTables.of("dash-1", 2, new WidgetData(widget, series, null, null));

        assertThat(table.columns()).containsExactly("bucket_start", "checkout", "=cmd");
        assertThat(table.rows()).containsExactly(
                Arrays.asList("2026-01-01T00:00:00Z", 3L, 0.5),
                Arrays.asList("2026-01-01T01:00:00Z", null, 7L));
        assertThat(table.title()).isEqualTo("Errors");
        assertThat(table.widgetIndex()).isEqualTo(2);
    }

    @Test
    void a_breakdown_lists_values_then_other_values_and_missing() {
        Widget widget = new Widget("Top services", Widget.Type.BAR_BREAKDOWN, "", "service.name");
        Breakdown breakdown = new Breakdown("Top services", "service.name", List.of(
                new Breakdown.Entry("checkout", 10, "service.name:checkout")), 4, 1);

        WidgetTable table = WidgetTables.of("dash-1", 0, new WidgetData(widget, null, breakdown, null));

        assertThat(table.columns()).containsExactly("service.name", "count");
        assertThat(table.rows()).containsExactly(List.of("checkout", 10L), List.of("(other values)", 4L),
                List.of("(missing)", 1L));
    }

    @Test
    void a_single_number_is_one_row() {
        Widget widget = new Widget("Events", Widget.Type.SINGLE_NUMBER, "", null);

        WidgetTable table = WidgetTables.of("dash-1", 1, new WidgetData(widget, null, null, 1234L));

        assertThat(table.columns()).containsExactly("count");
        assertThat(table.rows()).containsExactly(List.of(1234L));
    }
}
