package io.logwarden.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void time_series_has_one_row_per_bucket_and_empty_cells_for_gaps() {
        TimeSeries series = new TimeSeries(new TimeRange(T0, T0.plusSeconds(120), ""), Duration.ofMinutes(1),
                List.of(T0, T0.plusSeconds(60)), "%", List.of(
                        new TimeSeries.Series("shop", "", new double[] {12.5, Double.NaN}),
                        new TimeSeries.Series("a,b", "", new double[] {3, 4})));

        assertThat(Csv.of(series)).isEqualTo("""
                bucket_start,shop,"a,b"\r
                2026-01-01T00:00:00Z,12.5,3\r
                2026-01-01T00:01:00Z,,4\r
                """);
    }

    @Test
    void breakdown_lists_values_then_others_and_missing_and_defuses_formulas() {
        Breakdown breakdown = new Breakdown("Top users", "user.name", List.of(
                new Breakdown.Entry("=cmd()", 5, ""), new Breakdown.Entry("say \"hi\"", 2, "")), 3, 1);

        assertThat(Csv.of(breakdown)).isEqualTo("user.name,count\r\n\"'=cmd()\",5\r\n\"say \"\"hi\"\"\",2\r\n"
                + "(other values),3\r\n(missing),1\r\n");
    }
}
