package io.logwarden.analytics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.analytics.AnomalyMark;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChartOptionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
    private static final TimeSeries RATE = new TimeSeries(new TimeRange(T0, T0.plus(Duration.ofHours(1)), ""),
            Duration.ofMinutes(30), List.of(T0, T0.plus(Duration.ofMinutes(30))), "%",
            List.of(new TimeSeries.Series("shop", "", new double[] {4, Double.NaN}),
                    new TimeSeries.Series("billing", "", new double[] {12.5, 2})));

    @Test
    void line_series_fire_clicks_on_the_line_itself_and_keep_gaps() {
        JsonNode option = JSON.readTree(ChartOptions.timeSeries("c", RATE, ChartOptions.Style.LINES, false,
                List.of()));

        JsonNode shop = option.path("series").get(0);
        assertThat(shop.path("type").asString()).isEqualTo("line");
        assertThat(shop.path("triggerLineEvent").asBoolean()).isTrue();
        assertThat(shop.path("data").get(1).get(1).isNull()).isTrue();
        assertThat(option.path("legend").path("data").toString()).isEqualTo("[\"shop\",\"billing\"]");
    }

    @Test
    void anomalies_are_shaded_windows_with_a_pin_at_the_top_named_after_the_anomaly() {
        AnomalyMark high = new AnomalyMark("a-1", "ERROR_RATE", "shop", "shop", T0.plusSeconds(600),
                T0.plusSeconds(900), 82.4, "high", "shop: error rate 12 %, expected 1-3 %");

        JsonNode option = JSON.readTree(ChartOptions.timeSeries("c", RATE, ChartOptions.Style.LINES, false,
                List.of(high)));

        JsonNode overlay = option.path("series").get(2);
        assertThat(overlay.path("name").asString()).isEqualTo(ChartOptions.ANOMALIES);
        assertThat(overlay.path("data").isEmpty()).isTrue();
        JsonNode window = overlay.path("markArea").path("data").get(0);
        assertThat(window.get(0).path("name").asString()).isEqualTo("anomaly:a-1");
        assertThat(window.get(0).path("xAxis").asLong()).isEqualTo(T0.plusSeconds(600).toEpochMilli());
        assertThat(window.get(1).path("xAxis").asLong()).isEqualTo(T0.plusSeconds(900).toEpochMilli());
        assertThat(window.get(0).path("itemStyle").path("color").asString()).isEqualTo("#d32f2f");
        JsonNode pin = overlay.path("markPoint").path("data").get(0);
        assertThat(pin.path("name").asString()).isEqualTo("anomaly:a-1");
        assertThat(pin.path("value").asInt()).isEqualTo(82);
        assertThat(pin.path("coord").get(1).asDouble()).isEqualTo(12.5);
        assertThat(option.path("legend").path("data").toString()).contains(ChartOptions.ANOMALIES);
    }

    @Test
    void dark_and_light_use_their_own_text_colours() {
        assertThat(ChartOptions.timeSeries("c", RATE, ChartOptions.Style.STACKED_BARS, true, List.of()))
                .contains("\"textStyle\":{\"color\":\"#ddd\"}");
        assertThat(ChartOptions.timeSeries("c", RATE, ChartOptions.Style.STACKED_BARS, false, List.of()))
                .contains("\"textStyle\":{\"color\":\"#333\"}");
    }

    @Test
    void the_gauge_is_coloured_by_the_configured_severity_bands() {
        JsonNode gauge = JSON.readTree(ChartOptions.gauge(55.4, 30, 80, false)).path("series").get(0);

        JsonNode bands = gauge.path("axisLine").path("lineStyle").path("color");
        assertThat(bands.get(0).get(0).asDouble()).isEqualTo(0.3);
        assertThat(bands.get(1).get(0).asDouble()).isEqualTo(0.8);
        assertThat(gauge.path("data").get(0).path("value").asInt()).isEqualTo(55);
    }
}
