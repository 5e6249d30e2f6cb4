package io.logwarden.analytics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TimeSeries;
import io.logwarden.base.ui.SearchLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartPanelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void reads_the_time_of_a_clicked_time_series_point() {
        assertThat(ChartPanel.clickedTime("[1767261600000,12]")).contains(T0);
        assertThat(ChartPanel.clickedTime("\"[1767261600000,null]\"")).contains(T0);
        assertThat(ChartPanel.clickedTime("42")).isEmpty();
        assertThat(ChartPanel.clickedTime("null")).isEmpty();
    }

    @Test
    void a_click_anywhere_along_a_line_opens_search_on_the_bucket_under_it() {
        TimeSeries data = new TimeSeries(new TimeRange(T0, T0.plus(Duration.ofHours(1)), ""), Duration.ofMinutes(10),
                List.of(T0, T0.plus(Duration.ofMinutes(10))), "%",
                List.of(new TimeSeries.Series("shop", "service.name:\"shop\"", new double[] {1, 2})));
        long middleOfSecondBucket = T0.plus(Duration.ofMinutes(14)).toEpochMilli();

        var link = ChartPanel.timeSeries(ChartOptions.Style.LINES).clicked(data, data.range(), "", "shop",
                "[" + middleOfSecondBucket + ",null]");

        assertThat(link).contains(new SearchLink("service.name:\"shop\"", T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(20))));
        assertThat(ChartPanel.bucketOf(data, T0.plus(Duration.ofHours(2)))).isEmpty();
    }
}
